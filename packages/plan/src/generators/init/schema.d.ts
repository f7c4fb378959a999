export interface InitGeneratorSchema {
  targetName?: string;
  gatedTargets?: string[];
  agents?: boolean;
  skipTestReports?: boolean;
  skipFormat?: boolean;
}
