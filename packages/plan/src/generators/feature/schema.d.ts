export interface FeatureGeneratorSchema {
  module?: string;
  project?: string;
  directory?: string;
  useCase: string;
  aggregate?: string;
  valueObjects?: string[] | string;
  events?: string[] | string;
  scheduledCommands?: string[] | string;
  skipCode?: boolean;
  skipFormat?: boolean;
  profile?: string;
}
