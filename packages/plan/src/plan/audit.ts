/**
 * The workspace audit: every plan-required project has its own `verify-plan` target, run by this
 * plugin's executor, and every gated target it has depends on it. A local run can skip the gate
 * (`--exclude-task-dependencies`, jest by hand); the audit, run in CI, makes a configuration that
 * skips it for good visible. It judges the projects as Nx merged them (targetDefaults, inferred
 * targets and project.json), which the caller reads from the project graph.
 */
import { DependsOnEntry, dependsOnOwnTarget, Judgement, ProjectIdentity } from './depends-on';
import { isPlanRequiredByTag, planModuleOf, PLAN_REQUIRED_TAG } from './plan-required';

export const VERIFY_PLAN_EXECUTOR = '@mjomeet/plan:verify-plan';

export interface AuditTarget {
  readonly executor?: string;
  readonly dependsOn?: readonly DependsOnEntry[];
  readonly options?: Readonly<Record<string, unknown>>;
}

export interface AuditProject extends ProjectIdentity {
  readonly targets: Readonly<Record<string, AuditTarget>>;
}

export interface AuditInput {
  /** Every project of the workspace, with its targets as Nx merged them. */
  readonly projects: readonly AuditProject[];
  /** The modules that have at least one `*-plan.md` under `{plansDir}/{module}/`. */
  readonly modulesWithPlans: Iterable<string>;
  /** The gate's target name (the plugin's `targetName`, `verify-plan` by default). */
  readonly targetName: string;
  /** The targets that must depend on it, where a project has them. */
  readonly gatedTargets: readonly string[];
  /** Where plans live (the plugin's `plansDir`), for the messages. */
  readonly plansDir: string;
  /** Whether nx.json's plugins list @mjomeet/plan, for the messages. */
  readonly pluginRegistered: boolean;
  /**
   * The plugin's options as nx.json gives them: the gate's `config` option must be them, or a
   * project could verify itself against a laxer configuration of its own.
   */
  readonly pluginOptions?: Readonly<Record<string, unknown>>;
}

export type AuditFindingId =
  | 'audit/no-verify-plan'
  | 'audit/verify-plan-overridden'
  | 'audit/verify-plan-options'
  | 'audit/ungated-target';

export interface AuditFinding {
  /** Stable: one per kind of problem, whatever the target is called. */
  readonly id: AuditFindingId;
  readonly project: string;
  /** The target the finding is about: the gate itself, or a gated target. */
  readonly target: string;
  /** One line: what is wrong and what to do about it. */
  readonly message: string;
}

const KIND_ORDER: readonly AuditFindingId[] = [
  'audit/no-verify-plan',
  'audit/verify-plan-overridden',
  'audit/verify-plan-options',
  'audit/ungated-target',
];

/** Every finding, ordered by project, kind, then the gated targets' order. */
export function auditWorkspace(input: AuditInput): AuditFinding[] {
  const { targetName, plansDir } = input;
  const modulesWithPlans = new Set(input.modulesWithPlans);
  const gatedTargets = [...new Set(input.gatedTargets)].filter((name) => name !== targetName);
  const findings: AuditFinding[] = [];

  const projects = [...input.projects].sort((a, b) => compare(a.name, b.name));
  for (const project of projects) {
    const why = planRequirement(project, modulesWithPlans, plansDir);
    if (!why) continue;
    const gate = project.targets[targetName];

    if (!gate) {
      findings.push({
        id: 'audit/no-verify-plan',
        project: project.name,
        target: targetName,
        message: `${project.name} is plan-required (${why}) but has no "${targetName}" target, so nothing verifies its plans. ${
          input.pluginRegistered
            ? `@mjomeet/plan is in nx.json's plugins but inferred none for it: check that entry's "include"/"exclude", or give the project the target: {"executor": "${VERIFY_PLAN_EXECUTOR}", "options": {"plansDir": "${plansDir}/${planModuleOf(project.name, project.tags)}"}}.`
            : `Register the plugin, which infers the target: nx g @mjomeet/plan:init.`
        }`,
      });
    } else if (gate.executor !== VERIFY_PLAN_EXECUTOR) {
      findings.push({
        id: 'audit/verify-plan-overridden',
        project: project.name,
        target: targetName,
        message: `${project.name}:${targetName} runs ${gate.executor ? `"${gate.executor}"` : 'no executor'} instead of "${VERIFY_PLAN_EXECUTOR}", so its plans are not verified. Remove the "${targetName}" target from the project's configuration (${project.root}/project.json, or "nx" in its package.json): the plugin infers it.`,
      });
    } else {
      const changed = changedOptions(gate.options ?? {}, project, input);
      if (changed.length > 0) {
        findings.push({
          id: 'audit/verify-plan-options',
          project: project.name,
          target: targetName,
          message: `${project.name}:${targetName} is given ${changed.join(', ')} by the project's configuration, so it does not verify what the gate needs (this module's plans, every use-case, the workspace's configuration, approvals proved in CI). Remove those options from ${project.root}/project.json (or "nx" in its package.json).`,
        });
      }
    }

    for (const gated of gatedTargets) {
      const target = project.targets[gated];
      if (!target) continue;
      const judgements = (target.dependsOn ?? []).map((entry) =>
        dependsOnOwnTarget(entry, targetName, { self: project, projects: input.projects }),
      );
      if (judgements.includes('yes')) continue;
      findings.push({
        id: 'audit/ungated-target',
        project: project.name,
        target: gated,
        message: ungatedMessage(project.name, gated, targetName, target.dependsOn, judgements),
      });
    }
  }
  return findings.sort(
    (a, b) =>
      compare(a.project, b.project) ||
      KIND_ORDER.indexOf(a.id) - KIND_ORDER.indexOf(b.id) ||
      gatedTargets.indexOf(a.target) - gatedTargets.indexOf(b.target),
  );
}

/** The gate's options that differ from what the plugin infers: each a short description. */
function changedOptions(
  options: Readonly<Record<string, unknown>>,
  project: ProjectIdentity,
  input: AuditInput,
): string[] {
  const changed: string[] = [];
  const plansDir = `${input.plansDir}/${planModuleOf(project.name, project.tags)}`;
  if (options.plansDir !== undefined && options.plansDir !== plansDir)
    changed.push(`plansDir "${String(options.plansDir)}" (not ${plansDir})`);
  if (options.useCase !== undefined) changed.push(`useCase "${String(options.useCase)}"`);
  // In CI an approval that history cannot prove must fail, not warn.
  if (options.ci === false) changed.push('ci false');
  if (
    options.config !== undefined &&
    input.pluginOptions !== undefined &&
    canonical(options.config) !== canonical(withoutTargetName(input.pluginOptions))
  )
    changed.push("a config other than nx.json's");
  return changed;
}

function withoutTargetName(options: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { targetName: _name, ...config } = options;
  return config;
}

/** JSON with sorted keys: two configurations compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => compare(a, b)))
      : inner,
  );
}

function ungatedMessage(
  project: string,
  gated: string,
  targetName: string,
  dependsOn: readonly DependsOnEntry[] | undefined,
  judgements: readonly Judgement[],
): string {
  const current =
    dependsOn && dependsOn.length > 0
      ? `its dependsOn is ${JSON.stringify(dependsOn)}`
      : 'it has no dependsOn';
  const notes = [
    dependsOn?.some((entry) => entry === `^${targetName}`)
      ? `"^${targetName}" runs the dependencies' ${targetName}, not this project's.`
      : undefined,
    judgements.includes('unknown')
      ? `The audit does not expand glob patterns in dependsOn: name "${targetName}" itself.`
      : undefined,
  ].filter((note): note is string => note !== undefined);
  return [
    `${project}:${gated} does not depend on ${project}:${targetName} (${current}), so it runs without the plans being verified.`,
    // Nx replaces targetDefaults' dependsOn with the project's own instead of adding to it.
    `Add "${targetName}" to its dependsOn: in the project's configuration if that sets one (it replaces nx.json's targetDefaults), else in targetDefaults.`,
    ...notes,
  ].join(' ');
}

/** One line per finding, `project:target  message  id`, as the audit prints them. */
export function formatAuditFindings(findings: readonly AuditFinding[]): string {
  return findings
    .map((finding) => `${finding.project}:${finding.target}  ${finding.message}  ${finding.id}`)
    .join('\n');
}

export interface AuditSummary {
  readonly findings: readonly AuditFinding[];
  /** How many projects the audit judged. */
  readonly planRequired: number;
  readonly targetName: string;
  readonly gatedTargets: readonly string[];
}

/** The audit's verdict, as one line, or a title line and one line per finding. */
export function auditReport(summary: AuditSummary): string {
  const { findings, planRequired, targetName, gatedTargets } = summary;
  if (findings.length === 0) {
    return `✔ ${count(planRequired, 'plan-required project')} audited: each has its own ${targetName} target, and every gated target it has (${gatedTargets.join(', ')}) depends on it.`;
  }
  const projects = new Set(findings.map((finding) => finding.project)).size;
  return `✖ The plan audit found ${count(findings.length, 'problem')} in ${count(projects, 'plan-required project')}:\n${formatAuditFindings(findings)}`;
}

/** The projects the audit judges: plan-required by tag or by plans of their module. */
export function planRequiredProjects<P extends ProjectIdentity>(
  projects: readonly P[],
  modulesWithPlans: Iterable<string>,
): P[] {
  const modules = new Set(modulesWithPlans);
  return projects.filter((project) => planRequirement(project, modules, '') !== undefined);
}

/** Why a project is plan-required, or undefined when it is not. */
function planRequirement(
  project: ProjectIdentity,
  modulesWithPlans: ReadonlySet<string>,
  plansDir: string,
): string | undefined {
  if (isPlanRequiredByTag(project.tags)) return `tagged ${PLAN_REQUIRED_TAG}`;
  const module = planModuleOf(project.name, project.tags);
  return modulesWithPlans.has(module) ? `it has plans in ${plansDir}/${module}` : undefined;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
