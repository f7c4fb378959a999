export interface VerifyPlanExecutorSchema {
  plansDir?: string;
  useCase?: string;
  format?: 'stylish' | 'json' | 'sarif';
  outputFile?: string;
}
