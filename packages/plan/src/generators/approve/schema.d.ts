export interface ApproveGeneratorSchema {
  module: string;
  useCase: string;
  by: string;
}
