/**
 * Verifies the plans of one module from disk: the executor's work without Nx. Reads the
 * module's code once and each plan once, then verifies each with verifyPlan.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from './finding';
import { readModuleCode } from './module-code';
import { MAX_PLAN_BYTES, tooLargeMessage } from './readable';
import { unreadable } from './rules/unreadable';
import { verifyPlan } from './verify';

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
}

export interface VerifyProjectPlansResult {
  /** Workspace-relative paths of the plans verified, sorted. */
  readonly plans: readonly string[];
  /** Every finding of every plan, sorted by file, line and column. */
  readonly findings: readonly Finding[];
  /** Set when there was nothing to verify (no plans, or no plan of the use-case asked for). */
  readonly problem?: string;
}

const PLAN_FILE = /-plan\.md$/;

export function verifyProjectPlans(options: VerifyProjectPlansOptions): VerifyProjectPlansResult {
  const plansDir = toPosix(options.plansDir).replace(/\/+$/, '');
  let plans = findPlans(options.workspaceRoot, plansDir);
  if (options.useCase) {
    const wanted = `/${options.useCase}/${options.useCase}-plan.md`;
    plans = plans.filter((plan) => plan.endsWith(wanted));
    if (plans.length === 0) {
      return {
        plans,
        findings: [],
        problem: `There is no plan of ${options.useCase} in ${plansDir} (expected ${plansDir}${wanted}). Create it with nx g @mjomeet/plan:feature.`,
      };
    }
  } else if (plans.length === 0) {
    return {
      plans,
      findings: [],
      problem: `There are no plans (*-plan.md) in ${plansDir}. Create one with nx g @mjomeet/plan:feature.`,
    };
  }
  const moduleCode = options.projectRoot
    ? readModuleCode(options.workspaceRoot, toPosix(options.projectRoot))
    : undefined;
  const findings: Finding[] = [];
  for (const file of plans) {
    const read = readPlan(options.workspaceRoot, file);
    if ('unreadable' in read) findings.push(read.unreadable);
    else
      findings.push(
        ...verifyPlan({
          file,
          text: read.text,
          moduleCode,
          skipApproval: options.skipApproval,
          now: options.now,
        }),
      );
  }
  return { plans, findings };
}

/** `*-plan.md` files under a folder, workspace-relative and sorted. */
function findPlans(workspaceRoot: string, plansDir: string): string[] {
  const found: string[] = [];
  const visit = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(join(workspaceRoot, dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) visit(path);
      else if (entry.isFile() && PLAN_FILE.test(entry.name)) found.push(path);
    }
  };
  visit(plansDir);
  return found.sort();
}

/**
 * A plan's text, or the finding that it cannot be read. A file over the size limit is not read
 * at all: its size is enough to report it.
 */
function readPlan(workspaceRoot: string, file: string): { text: string } | { unreadable: Finding } {
  const report = (message: string) => ({
    unreadable: {
      ruleId: unreadable.id,
      severity: unreadable.severity,
      message,
      file,
      line: 1,
      column: 1,
    },
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
