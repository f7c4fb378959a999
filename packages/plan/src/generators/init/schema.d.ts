export interface InitGeneratorSchema {
  targetName?: string;
  gatedTargets?: string[];
  skipFormat?: boolean;
}
