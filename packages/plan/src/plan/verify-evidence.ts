import { DEFAULT_APPROVAL_POLICY } from './approval-policy';
/**
 * verify-evidence's work without Nx: what the last run of a module's tests says of the tests its
 * plans cite. It reads the module's plans (as verify-plan reads them) and the machine-readable
 * report of that run (jest's `--json` results, which Vitest's json reporter also writes), gives
 * every cited test its outcome, and lets the run rules turn the outcomes into findings. It never
 * runs a test: the report is the run's.
 */
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { DEFAULT_CONFIG, ResolvedConfig, ResolvedRule } from './config/resolve';
import {
  EvidenceLink,
  EvidenceOwner,
  NAME_SEPARATOR,
  normaliseName,
  planEvidence,
} from './evidence';
import { compareFindings, Finding } from './finding';
import { planInModuleDir } from './layout';
import { plansOf } from './module-layout';
import { parsePlan } from './parse-plan';
import { MAX_PLAN_BYTES } from './readable';
import type { RunRule } from './rules/rule';
import { createContext } from './rules/rule';
import { findingOf } from './verify';
import { readModuleLayout } from './verify-project';

/** One test of a run, by its full name (`describe › test`). */
export interface RunTest {
  readonly name: string;
  /** jest's status: `passed`, `failed`, `pending` (skipped), `todo`, `disabled`, `focused`. */
  readonly status: string;
  /** The first line of its failure, when it failed. */
  readonly failure: string | undefined;
}

/** One test file of a run. */
export interface RunFile {
  /** As the run reported it: an absolute path on the machine that ran it. */
  readonly path: string;
  /** Why the file could not run (a syntax error, a failing import), when it could not. */
  readonly problem: string | undefined;
  readonly tests: readonly RunTest[];
}

export interface TestRun {
  readonly files: readonly RunFile[];
}

/** What the run says of one cited test. */
export type Outcome =
  | { readonly kind: 'passed' }
  | { readonly kind: 'failed'; readonly failure: string }
  /** It is in the run, but did not run: skipped, todo, filtered out by name. */
  | { readonly kind: 'skipped'; readonly status: string }
  /** Its file ran, but no test of that name. */
  | { readonly kind: 'no-test'; readonly file: string }
  /** The run has no result for its file: jest did not match it, ignored it, or was filtered. */
  | { readonly kind: 'file-not-run'; readonly file: string }
  /** Its file failed to run at all. */
  | { readonly kind: 'file-failed'; readonly file: string; readonly problem: string }
  /** The link is not a path of the repository (a URL). */
  | { readonly kind: 'not-a-file' };

export interface CitedTest {
  /** The plan that cites it, workspace-relative. */
  readonly plan: string;
  readonly link: EvidenceLink;
  readonly owner: EvidenceOwner | undefined;
  readonly outcome: Outcome;
}

export type ReportProblemKind =
  | 'missing'
  | 'unreadable'
  | 'invalid'
  | 'not-an-output'
  | 'no-target';

/** The run as the run rules see it. */
export interface EvidenceRun {
  /** The module's project name, for the messages. */
  readonly project: string;
  /** The target that runs the tests (`test`). */
  readonly testTarget: string;
  /** The report, workspace-relative. */
  readonly report: string;
  /** Why there is no report to read, when there is none; then `cited` is empty. */
  readonly reportProblem: { readonly kind: ReportProblemKind; readonly detail: string } | undefined;
  readonly cited: readonly CitedTest[];
}

/** The report's shape problem, or the run it describes. Never throws. */
export function readTestRun(text: string): TestRun | { problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { problem: `it is not JSON (${String((error as Error).message).split('\n')[0]})` };
  }
  const results = (json as { testResults?: unknown })?.testResults;
  if (!Array.isArray(results))
    return { problem: 'it has no `testResults` list, so it is not the report of `jest --json`' };
  const files: RunFile[] = [];
  for (const result of results as Array<Record<string, unknown>>) {
    const path = result?.name;
    const assertions = result?.assertionResults;
    if (typeof path !== 'string' || !Array.isArray(assertions))
      return { problem: 'a test file result has no `name` or no `assertionResults`' };
    const tests: RunTest[] = [];
    for (const assertion of assertions as Array<Record<string, unknown>>) {
      const ancestors = assertion?.ancestorTitles;
      const title = assertion?.title;
      const status = assertion?.status;
      if (!Array.isArray(ancestors) || typeof title !== 'string' || typeof status !== 'string')
        return { problem: `a test of ${path} has no \`ancestorTitles\`, \`title\` or \`status\`` };
      const failures = assertion.failureMessages;
      tests.push({
        name: normaliseName([...ancestors.map(String), title].join(NAME_SEPARATOR)),
        status,
        failure:
          Array.isArray(failures) && failures.length > 0 ? summary(String(failures[0])) : undefined,
      });
    }
    const message = typeof result.message === 'string' ? result.message : '';
    const failedToRun =
      (result.status === 'failed' && tests.length === 0) || result.testExecError !== undefined;
    files.push({
      path: path.replace(/\\/g, '/'),
      problem: failedToRun ? firstLine(message) || 'the file failed to run' : undefined,
      tests,
    });
  }
  return { files };
}

/** What the run says of a cited test. */
export function outcomeOf(link: EvidenceLink, run: TestRun): Outcome {
  const file = link.file;
  if (file === undefined) return { kind: 'not-a-file' };
  // The report's paths are absolute on the machine that ran the tests (a cache hit may come from
  // another one): they are matched by their workspace-relative end.
  const result = run.files.find(
    (candidate) => candidate.path === file || candidate.path.endsWith(`/${file}`),
  );
  if (!result) return { kind: 'file-not-run', file };
  if (result.problem !== undefined && result.tests.length === 0)
    return { kind: 'file-failed', file, problem: result.problem };
  const tests = result.tests.filter((test) => test.name === link.name);
  if (tests.length === 0) return { kind: 'no-test', file };
  const failed = tests.find((test) => test.status === 'failed');
  if (failed) return { kind: 'failed', failure: failed.failure ?? 'no message' };
  if (tests.some((test) => test.status === 'passed')) return { kind: 'passed' };
  return { kind: 'skipped', status: tests[0].status };
}

export interface VerifyProjectEvidenceOptions {
  readonly workspaceRoot: string;
  /** The module's plans folder, workspace-relative (`docs/features/meetings`). */
  readonly plansDir: string;
  /** The module's project name, for the messages. */
  readonly project: string;
  /** The report of the test run, workspace-relative. */
  readonly report: string;
  /** The target that runs the tests. */
  readonly testTarget: string;
  /**
   * Why the test target cannot be trusted to have written the report of its last run (it has
   * none, or the report is not among its outputs), as the caller (the executor) found it.
   */
  readonly targetProblem?: {
    readonly kind: 'not-an-output' | 'no-target';
    readonly detail: string;
  };
  /** Check only this use-case's plan. */
  readonly useCase?: string;
  readonly config?: ResolvedConfig;
  /**
   * How files are read, by workspace-relative path (a generator reads through its tree); and
   * which plans to check, instead of every plan of the plans folder. Default: from disk.
   */
  readonly readFile?: (path: string) => string | undefined;
  readonly plans?: readonly string[];
}

export interface VerifyProjectEvidenceResult {
  readonly plans: readonly string[];
  readonly findings: readonly Finding[];
  /** Every cited test and what the run says of it. */
  readonly cited: readonly CitedTest[];
}

/** Checks every test the module's plans cite against the report of the module's last test run. */
export function verifyProjectEvidence(
  options: VerifyProjectEvidenceOptions,
): VerifyProjectEvidenceResult {
  const config = options.config ?? DEFAULT_CONFIG;
  const plansDir = options.plansDir.replace(/\\/g, '/').replace(/\/+$/, '');
  const read =
    options.readFile ?? ((path: string) => readText(options.workspaceRoot, path, Infinity));
  let plans = options.plans
    ? [...options.plans]
    : plansOf(readModuleLayout(options.workspaceRoot, plansDir, undefined));
  if (options.useCase)
    plans = plans.filter((plan) => plan === `${plansDir}/${planInModuleDir(options.useCase!)}`);

  const links: Array<{ plan: string; link: EvidenceLink; owner: EvidenceOwner | undefined }> = [];
  for (const file of plans) {
    const text = read(file);
    // verify-plan reports an unreadable plan
    if (text === undefined || text.length > MAX_PLAN_BYTES) continue;
    const plan = parsePlan(text, file);
    const { profile } = config.profileOf(plan.frontMatter?.data?.profile);
    const context = createContext(plan, {
      moduleCode: undefined,
      now: new Date(),
      catalog: profile.catalog,
      plansDir: config.plansDir,
      approvalPolicy: DEFAULT_APPROVAL_POLICY,
      profile: {
        requested: undefined,
        name: profile.name,
        known: true,
        modules: [],
        available: [],
      },
    });
    const evidence = planEvidence(context);
    for (const link of evidence.links)
      links.push({ plan: file, link, owner: evidence.ownerOf(link) });
  }

  let reportProblem: EvidenceRun['reportProblem'] = options.targetProblem;
  let cited: CitedTest[] = [];
  if (!reportProblem && links.length > 0) {
    const report = readReport(read, options.report);
    if ('problem' in report) reportProblem = report.problem;
    else cited = links.map((entry) => ({ ...entry, outcome: outcomeOf(entry.link, report.run) }));
  }
  // Nothing cited, nothing to check: a missing report is then no problem.
  if (links.length === 0) reportProblem = undefined;

  const run: EvidenceRun = {
    project: options.project,
    testTarget: options.testTarget,
    report: options.report,
    reportProblem,
    cited,
  };
  const findings: Finding[] = [];
  const module = plansDir.slice(plansDir.lastIndexOf('/') + 1);
  for (const entry of config.rulesFor(config.defaults, module)) {
    if (entry.rule.scope !== 'run') continue;
    const { rule, options: ruleOptions } = entry as ResolvedRule<RunRule>;
    rule.check(
      run,
      (file, at, messageId, data) => findings.push(findingOf(entry, file, at, messageId, data)),
      ruleOptions,
    );
  }
  return { plans, findings: findings.sort(compareFindings), cited };
}

function readReport(
  read: (path: string) => string | undefined,
  report: string,
): { run: TestRun } | { problem: NonNullable<EvidenceRun['reportProblem']> } {
  let text: string | undefined;
  try {
    text = read(report);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException)?.code;
    return { problem: { kind: 'unreadable', detail: code ?? String(error) } };
  }
  if (text === undefined) return { problem: { kind: 'missing', detail: 'no such file' } };
  const run = readTestRun(text);
  return 'problem' in run ? { problem: { kind: 'invalid', detail: run.problem } } : { run };
}

/** A file's text; undefined when it does not exist. Other errors are thrown. */
function readText(workspaceRoot: string, file: string, max: number): string | undefined {
  try {
    const text = readFileSync(join(workspaceRoot, file), 'utf-8');
    return text.length > max ? undefined : text;
  } catch (error) {
    if ((error as NodeJS.ErrnoException)?.code === 'ENOENT') return undefined;
    throw error;
  }
}

/** A failure in one line: its message up to the stack, `Error: ` and colour codes left out. */
function summary(text: string): string {
  // eslint-disable-next-line no-control-regex
  const lines = text.replace(/\u001b\[[0-9;]*m/g, '').split('\n');
  const stack = lines.findIndex((line) => /^\s+at\s/.test(line));
  return (stack === -1 ? lines : lines.slice(0, stack))
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .join('; ')
    .replace(/^Error: /, '');
}

/** The first line of a message, without the terminal's colour codes. */
function firstLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  const plain = text.replace(/\u001b\[[0-9;]*m/g, '');
  return (plain.split('\n').find((line) => line.trim().length > 0) ?? '').trim();
}

/** The test target as verify-evidence looks at it: what Nx merged for the project. */
export interface TestTargetOutputs {
  readonly outputs?: readonly string[];
  readonly options?: Readonly<Record<string, unknown>>;
}

/**
 * Why the test target cannot be trusted with the report, or undefined when it lists the report
 * among its outputs (so that Nx caches it with the run, and a cache hit restores it). Outputs
 * are read as Nx reads them: `{workspaceRoot}`, `{projectRoot}`, `{projectName}` and
 * `{options.x}` tokens, folders (every file under them) and globs.
 */
export function testTargetProblem(
  target: TestTargetOutputs | undefined,
  project: { readonly name: string; readonly root: string; readonly targets: readonly string[] },
  report: string,
): VerifyProjectEvidenceOptions['targetProblem'] {
  if (!target) {
    return {
      kind: 'no-target',
      detail: project.targets.length
        ? `its targets are ${project.targets.join(', ')}`
        : 'it has no targets',
    };
  }
  const outputs = (target.outputs ?? [])
    .map((output) => interpolateOutput(output, project, target.options ?? {}))
    .filter((output): output is string => output !== undefined);
  if (outputs.some((output) => covers(output, report))) return undefined;
  return {
    kind: 'not-an-output',
    detail: outputs.length ? `its outputs are ${outputs.join(', ')}` : 'it has no outputs',
  };
}

function interpolateOutput(
  output: string,
  project: { readonly name: string; readonly root: string },
  options: Readonly<Record<string, unknown>>,
): string | undefined {
  let missing = false;
  const path = output
    .replace(/^\{workspaceRoot\}\/?/, '')
    .replace(/\{projectRoot\}/g, project.root)
    .replace(/\{projectName\}/g, project.name)
    .replace(/\{options\.([^}]+)\}/g, (_whole, key: string) => {
      const value = options[key];
      if (typeof value !== 'string') missing = true;
      return typeof value === 'string' ? value : '';
    });
  return missing ? undefined : posix.normalize(path.replace(/\\/g, '/')).replace(/^\.\//, '');
}

function covers(output: string, file: string): boolean {
  if (output === file || file.startsWith(`${output.replace(/\/+$/, '')}/`)) return true;
  if (!/[*?[{]/.test(output)) return false;
  // Loaded only for a glob: the model is loaded on every project-graph computation.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { minimatch } = require('minimatch') as typeof import('minimatch');
  return minimatch(file, output, { dot: true });
}
