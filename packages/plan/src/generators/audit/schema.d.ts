export interface AuditGeneratorSchema {
  gatedTargets?: string[];
}
