export interface CompleteGeneratorSchema {
  module: string;
  useCase: string;
}
