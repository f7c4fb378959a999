export interface VerifyEvidenceExecutorSchema {
  plansDir?: string;
  useCase?: string;
  report?: string;
  testTarget?: string;
  format?: 'stylish' | 'json' | 'sarif';
  outputFile?: string;
  /** The plugin's options, as the inferred target carries them; default: nx.json's. */
  config?: Record<string, unknown>;
}
