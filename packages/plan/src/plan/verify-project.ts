/**
 * Verifies the plans of one module from disk: the executor's work without Nx. Reads the
 * module's plans folder and code once, checks the module's layout (every use-case of the code
 * has a plan, nothing misplaced, at least one plan), reads the folder's git history once (when
 * a plan has approvals to prove), then verifies each plan with verifyPlan.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { compareFindings, Finding } from './finding';
import { APPLICATION_DIR, isUseCaseFile, planInModuleDir, USE_CASE_NAME } from './layout';
import { readModuleCode } from './module-code';
import { MAX_PLAN_BYTES, tooLargeMessage } from './readable';
import { DEFAULT_CONFIG, ResolvedConfig, ResolvedRule } from './config/resolve';
import { ModuleLayout, plansOf } from './module-layout';
import { unreadable } from './rules/plan/unreadable';
import type { ModuleRule } from './rules/rule';
import { findingOf, verifyPlan } from './verify';
import { CodeOwners, CODEOWNERS_LOCATIONS, parseCodeOwners } from './codeowners';
import { readPlansHistories, ReadPlansHistoryOptions } from './git-history';
import type { PlanHistory } from './plan-history';

const START = { line: 1, column: 1 };

export interface VerifyProjectPlansOptions {
  readonly workspaceRoot: string;
  /** The module's plans folder, workspace-relative (`docs/features/meetings`). */
  readonly plansDir: string;
  /** The module's project root, workspace-relative; without it traceability is not checked. */
  readonly projectRoot?: string;
  /** Verify only this use-case's plan. */
  readonly useCase?: string;
  readonly skipApproval?: boolean;
  readonly now?: Date;
  /** The workspace's configuration; default: the seed's catalog and every built-in rule. */
  readonly config?: ResolvedConfig;
  /**
   * Prove approvals from git history (default: true). Without it, approvals are checked as
   * text only and nothing is said about who made them.
   */
  readonly history?: boolean;
  /** A CI run: an approval that history cannot prove is an error (default: a warning). */
  readonly ci?: boolean;
}

export interface VerifyProjectPlansResult {
  /** Workspace-relative paths of the plans verified, sorted. */
  readonly plans: readonly string[];
  /** Every finding of every plan and of the module's layout, sorted by file, line and column. */
  readonly findings: readonly Finding[];
  /** Set when the use-case asked for has no plan: there is nothing to verify. */
  readonly problem?: string;
}

export function verifyProjectPlans(options: VerifyProjectPlansOptions): VerifyProjectPlansResult {
  return verifyProjectsPlans([options])[0]();
}

/**
 * verifyProjectPlans for several modules (a batch of tasks), with git asked once for what their
 * histories share (git-history.ts): what it returns is each module's verification, to run in
 * turn. Modules are read a few at a time, all their plans then all their histories, on the first
 * verification of the group: fewer git processes, while only a few modules' plans are held. A
 * module's code is read only when it is verified. Whatever throws for one module (a custom rule,
 * say) is thrown by its own verification, not by the others'.
 */
export function verifyProjectsPlans(
  list: readonly VerifyProjectPlansOptions[],
): Array<() => VerifyProjectPlansResult> {
  const verifications: Array<() => VerifyProjectPlansResult> = [];
  for (let start = 0; start < list.length; start += MODULES_READ_TOGETHER) {
    const group = list.slice(start, start + MODULES_READ_TOGETHER);
    let pending: Array<(() => VerifyProjectPlansResult) | undefined> | undefined;
    group.forEach((options, index) =>
      verifications.push(() => {
        pending ??= readTogether(group);
        const verification = pending[index];
        // Run once, then let go of what was read for it; run again, it reads anew.
        pending[index] = undefined;
        return verification ? verification() : verifyProjectsPlans([options])[0]();
      }),
    );
  }
  return verifications;
}

/**
 * How many modules' plans and histories are read together: enough that git's per-process cost
 * is paid a few times per run rather than per module, few enough that their plans and versions
 * held at once stay a few megabytes.
 */
const MODULES_READ_TOGETHER = 10;

/** The plans, then the histories, of a group of modules; each module's verification then. */
function readTogether(
  list: readonly VerifyProjectPlansOptions[],
): Array<() => VerifyProjectPlansResult> {
  const reads = list.map((options) => attempt(() => readProjectPlans(options)));
  const requests = reads.map((read) =>
    'value' in read && !('done' in read.value) ? historyRequest(read.value) : undefined,
  );
  const asked = requests.filter((request) => request !== undefined);
  const read = attempt(() => (asked.length > 0 ? readPlansHistories(asked) : []));
  // Each module's place among those asked (-1: none asked).
  let next = 0;
  const positions = requests.map((request) => (request === undefined ? -1 : next++));
  return reads.map((plans, index) => () => {
    if ('error' in plans) throw plans.error;
    if ('done' in plans.value) return plans.value.done;
    if (positions[index] < 0) return finishProjectPlans(plans.value, new Map());
    if ('error' in read) throw read.error;
    return finishProjectPlans(plans.value, read.value[positions[index]]);
  });
}

function attempt<T>(run: () => T): { value: T } | { error: unknown } {
  try {
    return { value: run() };
  } catch (error) {
    return { error };
  }
}

interface ProjectPlansRead {
  readonly options: VerifyProjectPlansOptions;
  readonly config: ResolvedConfig;
  readonly plansDir: string;
  readonly projectRoot?: string;
  readonly plans: readonly string[];
  readonly findings: Finding[];
  readonly texts: ReadonlyMap<string, string>;
}

/** The module's layout findings and plans, read from disk; `done` when there is nothing to verify. */
function readProjectPlans(
  options: VerifyProjectPlansOptions,
): ProjectPlansRead | { done: VerifyProjectPlansResult } {
  const plansDir = toPosix(options.plansDir).replace(/\/+$/, '');
  const config = options.config ?? DEFAULT_CONFIG;
  const projectRoot = options.projectRoot === undefined ? undefined : toPosix(options.projectRoot);
  const layout = readModuleLayout(options.workspaceRoot, plansDir, projectRoot);
  let plans = plansOf(layout);
  const findings: Finding[] = [];
  if (options.useCase !== undefined && !USE_CASE_NAME.test(options.useCase)) {
    // A path (`../x`) or a kebab-case name is no use-case: say so, rather than look for its plan.
    return {
      done: {
        plans: [],
        findings: [],
        problem: `--useCase ${JSON.stringify(options.useCase)} is not a use-case name: write it in PascalCase, as its folder in ${plansDir} is named (e.g. BookRoom).`,
      },
    };
  }
  if (options.useCase) {
    const wanted = `${plansDir}/${planInModuleDir(options.useCase)}`;
    plans = plans.filter((plan) => plan === wanted);
    if (plans.length === 0) {
      return {
        done: {
          plans,
          findings: [],
          problem: `There is no plan of ${options.useCase} in ${plansDir} (expected ${wanted}). Create it with nx g @mjomeet/plan:feature.`,
        },
      };
    }
  } else {
    for (const entry of config.rulesFor(config.defaults, basename(plansDir))) {
      if (entry.rule.scope !== 'module') continue;
      const { rule, options: ruleOptions } = entry as ResolvedRule<ModuleRule>;
      // A module finding is on the folder or file it names, not on a plan.
      rule.check(
        layout,
        (file, messageId, data) => findings.push(findingOf(entry, file, START, messageId, data)),
        ruleOptions,
      );
    }
  }
  const texts = new Map<string, string>();
  for (const file of plans) {
    const read = readPlan(options.workspaceRoot, file);
    if ('unreadable' in read) findings.push(read.unreadable);
    else texts.set(file, read.text);
  }
  return { options, config, plansDir, projectRoot, plans, findings, texts };
}

/** What git is asked for the plans read: only when a plan records an approval to prove. */
function historyRequest(read: ProjectPlansRead): ReadPlansHistoryOptions | undefined {
  const { options, config } = read;
  if (options.history === false || options.skipApproval) return undefined;
  // A module of drafts costs no git process.
  const toProve = [...read.texts].filter(([, text]) => RECORDS_APPROVAL.test(text));
  if (toProve.length === 0) return undefined;
  return {
    workspaceRoot: options.workspaceRoot,
    plansDir: read.plansDir,
    plans: toProve.map(([file]) => file),
    texts: new Map(toProve),
    signatures: config.approval.requireSignedApprovals,
    allowedSignersFile:
      config.approval.allowedSigners === undefined
        ? undefined
        : join(options.workspaceRoot, config.approval.allowedSigners),
  };
}

/** Every plan of the module verified, with its code and the histories read. */
function finishProjectPlans(
  read: ProjectPlansRead,
  histories: ReadonlyMap<string, PlanHistory>,
): VerifyProjectPlansResult {
  const { options, config, findings } = read;
  const moduleCode = read.projectRoot
    ? readModuleCode(options.workspaceRoot, read.projectRoot)
    : undefined;
  const codeowners =
    config.approval.approvers === 'codeowners' ? readCodeOwners(options.workspaceRoot) : undefined;
  for (const [file, text] of read.texts) {
    findings.push(
      ...verifyPlan({
        file,
        text,
        moduleCode,
        skipApproval: options.skipApproval,
        now: options.now,
        config,
        history: histories.get(file),
        codeowners,
        ci: options.ci,
      }),
    );
  }
  return { plans: read.plans, findings: findings.sort(compareFindings) };
}

/** A front matter line that starts an approval (`approvals:` or the older `approval:`). */
const RECORDS_APPROVAL = /^approvals?[ \t]*:/m;

/** The workspace's CODEOWNERS, where GitHub looks for it (the first found). */
function readCodeOwners(workspaceRoot: string): CodeOwners | undefined {
  for (const location of CODEOWNERS_LOCATIONS) {
    try {
      return parseCodeOwners(location, readFileSync(join(workspaceRoot, location), 'utf-8'));
    } catch {
      // Not there: GitHub looks in the next place.
    }
  }
  return undefined;
}

/** What the layout rules look at, read from disk once. */
export function readModuleLayout(
  workspaceRoot: string,
  plansDir: string,
  projectRoot: string | undefined,
): ModuleLayout {
  const module = basename(plansDir);
  const parent = dirname(plansDir);
  const caseTwins = entries(workspaceRoot, parent)
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .filter((name) => name !== module && name.toLowerCase() === module.toLowerCase());
  const applicationDir = `${projectRoot}/${APPLICATION_DIR}`;
  const useCaseFolders = projectRoot
    ? entries(workspaceRoot, applicationDir)
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .filter((folder) =>
          filesUnder(workspaceRoot, `${applicationDir}/${folder}`).some((file) =>
            isUseCaseFile(file.slice(file.lastIndexOf('/') + 1)),
          ),
        )
        .sort()
    : [];
  return {
    plansDir,
    files: filesUnder(workspaceRoot, plansDir),
    caseTwins: caseTwins.sort(),
    projectRoot,
    useCaseFolders,
  };
}

function entries(workspaceRoot: string, dir: string) {
  try {
    return readdirSync(join(workspaceRoot, dir), { withFileTypes: true });
  } catch {
    return [];
  }
}

/** Every file under a folder, relative to it, sorted. */
function filesUnder(workspaceRoot: string, dir: string): string[] {
  const found: string[] = [];
  const visit = (relative: string): void => {
    for (const entry of entries(workspaceRoot, relative ? `${dir}/${relative}` : dir)) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) visit(path);
      else found.push(path);
    }
  };
  visit('');
  return found.sort();
}

/**
 * A plan's text, or the finding that it cannot be read. A file over the size limit is not read
 * at all: its size is enough to report it.
 */
function readPlan(workspaceRoot: string, file: string): { text: string } | { unreadable: Finding } {
  const report = (reason: string) => ({
    unreadable: findingOf({ rule: unreadable, severity: 'error' }, file, START, 'unreadable', {
      reason,
    }),
  });
  try {
    const path = join(workspaceRoot, file);
    const size = statSync(path).size;
    if (size > MAX_PLAN_BYTES) return report(tooLargeMessage(size));
    return { text: readFileSync(path, 'utf-8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException)?.code ?? String(error);
    return report(`The plan cannot be read (${code}); check that it is a file you may read.`);
  }
}

function toPosix(path: string): string {
  return path.replace(/\\/g, '/');
}
