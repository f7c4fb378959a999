export interface ApproveGeneratorSchema {
  module: string;
  useCase: string;
  /** A label of the approver's git identity; never a replacement for it. */
  by?: string;
}
