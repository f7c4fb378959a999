export interface VerifyPlanExecutorSchema {
  plansDir?: string;
  useCase?: string;
  format?: 'stylish' | 'json' | 'sarif';
  outputFile?: string;
  /** Fail (not warn) when an approval cannot be proved from git history. Default: CI=true. */
  ci?: boolean;
  /** The plugin's options, as the inferred target carries them; default: nx.json's. */
  config?: Record<string, unknown>;
}
