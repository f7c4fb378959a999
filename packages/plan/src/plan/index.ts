/**
 * The plan model: pure TypeScript, no Nx. The executor, the generators and the inferred-targets
 * plugin are thin shells over this.
 */
export * from './catalog';
export { planPath, pathNames } from './layout';
export { loadConfig } from './config/load';
export { resolveConfig, ConfigError, DEFAULT_CONFIG } from './config/resolve';
export type { ResolvedConfig, ResolvedProfile, ResolvedRule } from './config/resolve';
export type { PlanConfigInput, RuleSetting } from './config/schema';
export { BUILT_IN_RULES } from './rules';
export type { PlanRule, ModuleRule, Report, Rule, RuleContext, RunRule } from './rules';
export { parsePlan } from './parse-plan';
export type {
  CodeBlock,
  FrontMatter,
  FrontMatterField,
  Heading,
  Link,
  ListItem,
  ParsedPlan,
  ParseProblem,
  ParseProblemKind,
  Section,
  SourcePosition,
  Table,
  TableRow,
  TaskItem,
} from './plan-model';
export { planDigest, DIGEST_PATTERN } from './digest';
export { recordApproval, ApprovalError } from './record-approval';
export { approvalEntriesOf } from './approval-block';
export type { ApprovalEntry } from './approval-block';
export {
  allowedApprovers,
  isAllowed,
  resolveApprovalPolicy,
  DEFAULT_APPROVAL_POLICY,
} from './approval-policy';
export type { AllowedApprovers, ApprovalPolicy, ApprovalPolicyInput } from './approval-policy';
export { parseCodeOwners, ownersOf, CODEOWNERS_LOCATIONS } from './codeowners';
export type { CodeOwners, CodeOwnersRule } from './codeowners';
export { gitIdentity, readPlansHistory } from './git-history';
export type { ReadPlansHistoryOptions } from './git-history';
export { authoredBy, proveApproval } from './plan-history';
export type {
  ApprovalProof,
  AvailableHistory,
  CommitInfo,
  HistoryGap,
  PlanChange,
  PlanHistory,
  PlanVersion,
  SignatureInfo,
  UnavailableHistory,
} from './plan-history';
export type { ApprovalRecord } from './record-approval';
export { readModuleCode, moduleCodeFromFiles } from './module-code';
export type { ModuleCode } from './module-code';
export { verifyPlan, RULES } from './verify';
export type { VerifyPlanOptions } from './verify';
export { verifyProjectPlans, verifyProjectsPlans } from './verify-project';
export {
  outcomeOf,
  readTestRun,
  testTargetProblem,
  verifyProjectEvidence,
} from './verify-evidence';
export type {
  CitedTest,
  EvidenceRun,
  Outcome,
  RunFile,
  RunTest,
  TestRun,
  VerifyProjectEvidenceOptions,
  VerifyProjectEvidenceResult,
} from './verify-evidence';
export { checkLink, isTestFile, NAME_SEPARATOR, planEvidence } from './evidence';
export type { EvidenceLink, EvidenceOwner, LinkCheck, PlanEvidence } from './evidence';
export { recordStatus, StatusError } from './record-status';
export type { VerifyProjectPlansOptions, VerifyProjectPlansResult } from './verify-project';
export type { Finding, RuleMeta, Severity } from './finding';
export { MAX_PLAN_BYTES } from './readable';
export {
  countFindings,
  formatJson,
  formatReport,
  formatSarif,
  formatStylish,
  jsonReport,
  JSON_REPORT_VERSION,
  REPORT_FORMATS,
  sarifLog,
  SARIF_SCHEMA,
} from './formatters';
export type { FindingCounts, JsonReport, ReportFormat, SarifOptions } from './formatters';
export {
  auditReport,
  auditWorkspace,
  formatAuditFindings,
  planRequiredProjects,
  VERIFY_PLAN_EXECUTOR,
} from './audit';
export type {
  AuditFinding,
  AuditFindingId,
  AuditInput,
  AuditProject,
  AuditSummary,
  AuditTarget,
} from './audit';
export { dependsOnOwnTarget } from './depends-on';
export type { DependsOnEntry, Judgement } from './depends-on';
