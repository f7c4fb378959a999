export interface InitGeneratorSchema {
  targetName?: string;
  gatedTargets?: string[];
  agents?: boolean;
  skipFormat?: boolean;
}
