/**
 * The workspace's configuration, validated and resolved once: which rules run at which severity
 * with which options, what a plan must contain (the seed's catalog plus the team's sections and
 * items), and the profiles a lighter plan may use. Nothing runs on a half-read configuration:
 * every problem is a ConfigError naming the key.
 */
import type Ajv from 'ajv';
import type { ErrorObject } from 'ajv';
import { Catalog, Checklist, SEED_CATALOG, SectionSpec } from '../catalog';
import type { RuleMeta, Severity } from '../finding';
import { TEST_REPORT, TEST_TARGET, VERIFY_EVIDENCE_TARGET } from '../layout';
import { DEFAULT_PLANS_DIR } from '../plan-required';
import { BUILT_IN_RULES } from '../rules';
import type { Rule } from '../rules/rule';
import { CONFIG_SCHEMA, PlanConfigInput, RuleSetting } from './schema';
import { ApprovalPolicy, resolveApprovalPolicy } from '../approval-policy';

/** A configuration that cannot be used; the message names the key and says what to do. */
export class ConfigError extends Error {}

export interface ResolvedRule<R extends Rule = Rule> {
  readonly rule: R;
  readonly severity: Severity;
  readonly options: Readonly<Record<string, unknown>>;
}

export interface ResolvedProfile {
  readonly name: string;
  readonly catalog: Catalog;
  /** The rules of the profile, before the overrides of any module. */
  readonly rules: readonly ResolvedRule[];
  /** The modules that may use it: every module for the default profile. */
  readonly modules: readonly string[];
}

export interface ResolvedConfig {
  readonly plansDir: string;
  readonly targetName: string;
  /** verify-evidence's target, the test target it depends on, and the report, project-relative. */
  readonly evidence: {
    readonly targetName: string;
    readonly testTarget: string;
    readonly report: string;
  };
  /** Every rule known, built-in and custom, whether it runs or not (for SARIF and docs). */
  readonly knownRules: readonly Rule[];
  /** The default profile: the full plan. */
  readonly defaults: ResolvedProfile;
  readonly profiles: ReadonlyMap<string, ResolvedProfile>;
  /** The custom rule files, workspace-relative: inputs of the cached target. */
  readonly customRuleFiles: readonly string[];
  /** Who may approve, how many, four eyes, signatures (the `approval` option). */
  readonly approval: ApprovalPolicy;
  /** The profile a plan asks for in its front matter (`profile:`), and whether it exists. */
  profileOf(name: unknown): { profile: ResolvedProfile; known: boolean };
  /** The rules of a profile for one module: with the `overrides` that name the module. */
  rulesFor(profile: ResolvedProfile, module: string | undefined): readonly ResolvedRule[];
}

export const DEFAULT_PROFILE = 'default';
/** Sections and groups a profile may not leave out unless it says `allowOmittingSecurity`. */
const SECURITY_SECTIONS = new Set(['threat-model']);
const SECURITY_GROUPS = new Set(['Security & Privacy']);
const BUILT_IN_NAMESPACES = new Set(BUILT_IN_RULES.map((rule) => rule.meta.id.split('/')[0]));
const RULE_ID = /^[a-z][a-z0-9-]*\/[a-z0-9][a-z0-9-]*$/;

export interface ResolveOptions {
  /** Loads a custom rule module (path workspace-relative); without it customRules are refused. */
  readonly loadRules?: (file: string) => readonly Rule[];
}

export function resolveConfig(input: unknown, options: ResolveOptions = {}): ResolvedConfig {
  const config = validate(input);
  const where = (key: string) => `@mjomeet/plan options: ${key}`;

  const customRules: Rule[] = [];
  for (const [index, file] of (config.customRules ?? []).entries()) {
    if (!options.loadRules)
      throw new ConfigError(
        `${where(`customRules[${index}]`)}: custom rules cannot be loaded here.`,
      );
    for (const rule of options.loadRules(file)) {
      checkCustomRule(rule, `${where(`customRules[${index}]`)} (${file})`);
      // Tagged `custom`, whatever it says of itself: reports and docs tell the team's rules apart.
      const tags = (rule.meta.tags ?? []).filter((tag) => tag !== 'blocking');
      customRules.push({
        ...rule,
        meta: {
          ...rule.meta,
          tags: [...new Set([...tags, 'custom' as const])],
          docs: rule.meta.docs ?? file,
        },
      } as Rule);
    }
  }
  const knownRules = [...BUILT_IN_RULES, ...customRules];
  const byId = new Map<string, Rule>();
  for (const rule of knownRules) {
    if (byId.has(rule.meta.id))
      throw new ConfigError(
        `${where('customRules')}: the rule id "${rule.meta.id}" is defined twice; give each rule its own id.`,
      );
    byId.set(rule.meta.id, rule);
  }

  const catalog = extendCatalog(SEED_CATALOG, config, where);
  const settingsOf = new Map<string, Readonly<Record<string, RuleSetting>>>([
    [DEFAULT_PROFILE, config.rules ?? {}],
  ]);
  const overrides = (config.overrides ?? []).map((override, index) => {
    // Checked now, so that a typo fails whatever module is verified.
    resolveRules(knownRules, byId, override.rules, where(`overrides[${index}].rules`), catalog);
    return override;
  });
  const defaults = profile(
    DEFAULT_PROFILE,
    catalog,
    resolveRules(knownRules, byId, config.rules ?? {}, where('rules'), catalog),
    ['*'],
  );
  const profiles = new Map<string, ResolvedProfile>([[DEFAULT_PROFILE, defaults]]);
  for (const [name, spec] of Object.entries(config.profiles ?? {})) {
    const key = where(`profiles.${name}`);
    if (name === DEFAULT_PROFILE)
      throw new ConfigError(`${key}: "default" is the full plan; give the profile another name.`);
    const omitted = omit(
      catalog,
      spec.omitSections ?? [],
      spec.omitItems ?? [],
      key,
      spec.allowOmittingSecurity === true,
    );
    const settings = { ...(config.rules ?? {}), ...(spec.rules ?? {}) };
    settingsOf.set(name, settings);
    const rules = resolveRules(knownRules, byId, settings, `${key}.rules`, catalog);
    profiles.set(name, profile(name, omitted, rules, spec.modules ?? []));
  }

  return {
    plansDir: (config.plansDir ?? DEFAULT_PLANS_DIR).replace(/\/+$/, ''),
    targetName: config.targetName ?? 'verify-plan',
    evidence: {
      targetName: config.evidence?.targetName ?? VERIFY_EVIDENCE_TARGET,
      testTarget: config.evidence?.testTarget ?? TEST_TARGET,
      report: (config.evidence?.report ?? TEST_REPORT).replace(/^\.\//, ''),
    },
    knownRules,
    defaults,
    profiles,
    customRuleFiles: config.customRules ?? [],
    approval: resolveApprovalPolicy(config.approval ?? {}),
    rulesFor(chosen, module) {
      const matching = overrides.filter(
        (override) => module !== undefined && override.modules.includes(module),
      );
      if (matching.length === 0) return chosen.rules;
      const settings = Object.assign(
        {},
        settingsOf.get(chosen.name),
        ...matching.map((override) => override.rules),
      );
      return resolveRules(knownRules, byId, settings, where('overrides'), catalog);
    },
    profileOf(name) {
      if (name === undefined || name === null || name === DEFAULT_PROFILE)
        return { profile: defaults, known: true };
      const found = typeof name === 'string' ? profiles.get(name) : undefined;
      return found ? { profile: found, known: true } : { profile: defaults, known: false };
    },
  };
}

function profile(
  name: string,
  catalog: Catalog,
  rules: ResolvedRule[],
  modules: readonly string[],
): ResolvedProfile {
  return { name, catalog, rules, modules };
}

let validator: ReturnType<Ajv['compile']> | undefined;
let ajvInstance: Ajv | undefined;

/**
 * Ajv, loaded and its schemas compiled only for a configuration that has something to validate:
 * about 0.15 s of a verify-plan task process, where most workspaces give no options at all.
 */
function ajv(): Ajv {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const AjvClass = (require('ajv') as { default: typeof Ajv }).default;
  return (ajvInstance ??= new AjvClass({ allErrors: false, strict: false }));
}

/** `{}` and nothing at all: the schema has no required key, so they are valid as they are. */
function isEmptyObject(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value !== 'object' || Array.isArray(value)) return false;
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null)
    return false;
  for (const _key in value) return false;
  return true;
}

function validate(input: unknown): PlanConfigInput {
  const value = input ?? {};
  if (isEmptyObject(value)) return {};
  validator ??= ajv().compile(CONFIG_SCHEMA);
  if (!validator(value))
    throw new ConfigError(describe(validator.errors?.[0], '@mjomeet/plan options:'));
  const config = value as PlanConfigInput;
  const plansDir = config.plansDir;
  if (plansDir !== undefined && !isInsideWorkspace(plansDir)) {
    throw new ConfigError(
      `@mjomeet/plan options: plansDir "${plansDir}" must be a folder inside the workspace, written with "/" and without "." or "..", e.g. "docs/features".`,
    );
  }
  const signers = config.approval?.allowedSigners;
  if (signers !== undefined && !isInsideWorkspace(signers)) {
    throw new ConfigError(
      `@mjomeet/plan options: approval.allowedSigners "${signers}" must be a file inside the workspace, written with "/" and without "." or "..", e.g. ".github/allowed_signers".`,
    );
  }
  if (config.approval?.owners !== undefined && config.approval.approvers !== 'codeowners') {
    throw new ConfigError(
      '@mjomeet/plan options: approval.owners maps CODEOWNERS handles to emails; it applies only with "approvers": "codeowners".',
    );
  }
  const report = config.evidence?.report;
  if (report !== undefined && report.split(/[\\/]/).includes('..')) {
    throw new ConfigError(
      `@mjomeet/plan options: evidence.report "${report}" must be a file inside the project, relative to its root and without "..", e.g. "jest-results.json".`,
    );
  }
  return config;
}

/** A workspace-relative path: no root, drive or backslash, no `.` or `..` part. */
function isInsideWorkspace(path: string): boolean {
  return !(
    /^[/\\]|^[A-Za-z]:|\\/.test(path) ||
    path.split('/').some((part) => part === '..' || part === '.')
  );
}

/** One JSON-schema error, said as a person would: which key, what is wrong. */
function describe(error: ErrorObject | undefined | null, prefix: string): string {
  if (!error) return `${prefix}: invalid.`;
  const relative = error.instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce(
      (key, part) =>
        /^\d+$/.test(part)
          ? `${key}[${part}]`
          : /^[\w$]+$/.test(part)
            ? `${key}.${part}`
            : `${key}["${part}"]`,
      '',
    );
  const path = !prefix.endsWith(':')
    ? `${prefix}${relative}`
    : relative
      ? `${prefix} ${relative.replace(/^\./, '')}`
      : prefix.slice(0, -1);
  if (error.keyword === 'additionalProperties') {
    const extra = (error.params as { additionalProperty: string }).additionalProperty;
    return `${path}: unknown option "${extra}"; the options are documented in docs/configuration.md.`;
  }
  if (
    /^rules\[|\.rules\[/.test(relative) &&
    (error.keyword === 'enum' || error.keyword === 'oneOf' || error.keyword === 'type')
  ) {
    return `${path}: must be "off", "warning", "error", or [severity, { …options }].`;
  }
  if (/^\.?approval\.approvers/.test(relative)) {
    return `${path.replace(/\.approvers\[\d+\]$/, '.approvers')}: must be "codeowners" or a list of emails ("a@example.com", "A. Reviewer <a@example.com>") and names, each on one line.`;
  }
  if (/^\.?approval\.owners/.test(relative)) {
    return `${path}: maps a CODEOWNERS handle ("@org/team" or "@user") to an email or a list of emails.`;
  }
  if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
    return `${path}: must be one of ${allowed.map((value) => JSON.stringify(value)).join(', ')}.`;
  }
  return `${path}: ${error.message ?? 'invalid'}.`;
}

function resolveRules(
  known: readonly Rule[],
  byId: ReadonlyMap<string, Rule>,
  settings: Readonly<Record<string, RuleSetting>>,
  key: string,
  catalog: Catalog,
): ResolvedRule[] {
  for (const id of Object.keys(settings)) {
    if (!byId.has(id))
      throw new ConfigError(
        `${key}["${id}"]: there is no rule "${id}"${suggest(id, [...byId.keys()])}; the rules are listed in docs/rules.md.`,
      );
  }
  const resolved: ResolvedRule[] = [];
  for (const rule of known) {
    const setting = settings[rule.meta.id];
    const [level, given] = Array.isArray(setting) ? setting : [setting];
    const severity = level ?? rule.meta.severity;
    if (severity !== 'error' && rule.meta.tags.includes('gate') && level !== undefined) {
      throw new ConfigError(
        `${key}["${rule.meta.id}"]: this rule is part of the gate (a plan that fails it is not a plan anyone approved); it cannot be "${severity}".`,
      );
    }
    if (severity === 'off') continue;
    const options = { ...(rule.meta.defaultOptions ?? {}), ...(given ?? {}) };
    if (given !== undefined) {
      if (!rule.meta.schema)
        throw new ConfigError(
          `${key}["${rule.meta.id}"]: the rule takes no options; write just "${severity}".`,
        );
      const check = ajv().compile(rule.meta.schema);
      if (!check(options))
        throw new ConfigError(describe(check.errors?.[0], `${key}["${rule.meta.id}"][1]`));
      const problem = rule.scope === 'plan' ? rule.validate?.(options, catalog) : undefined;
      if (problem) throw new ConfigError(`${key}["${rule.meta.id}"][1].${problem}`);
    }
    resolved.push({ rule, severity, options });
  }
  return resolved;
}

function suggest(id: string, ids: readonly string[]): string {
  const close = ids
    .map((candidate) => ({ candidate, distance: editDistance(id, candidate) }))
    .sort((a, b) => a.distance - b.distance)[0];
  return close && close.distance <= 3 ? ` (did you mean "${close.candidate}"?)` : '';
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

function checkCustomRule(rule: Rule, key: string): void {
  const meta = (rule as { meta?: Partial<RuleMeta> })?.meta;
  const id = meta?.id;
  if (
    !meta ||
    typeof id !== 'string' ||
    typeof (rule as { check?: unknown }).check !== 'function'
  ) {
    throw new ConfigError(
      `${key}: a rule module exports a rule object { scope: 'plan', meta: { id, description, severity, messages, ... }, check(context, report, options) } (or an array of them); see docs/configuration.md.`,
    );
  }
  if (!RULE_ID.test(id) || BUILT_IN_NAMESPACES.has(id.split('/')[0])) {
    throw new ConfigError(
      `${key}: the rule id "${id}" must be namespaced with your own prefix, like "team/${id.split('/').pop()}" (not ${[...BUILT_IN_NAMESPACES].map((n) => `"${n}/"`).join(', ')}).`,
    );
  }
  if (
    rule.scope !== 'plan' ||
    typeof meta.description !== 'string' ||
    (meta.severity !== 'error' && meta.severity !== 'warning') ||
    !meta.messages ||
    typeof meta.messages !== 'object'
  ) {
    throw new ConfigError(
      `${key}: the rule "${id}" needs scope: 'plan', a meta.description, a meta.severity ("error" or "warning") and meta.messages.`,
    );
  }
}

/** The seed's catalog with the team's sections and items added. */
function extendCatalog(
  base: Catalog,
  config: PlanConfigInput,
  where: (key: string) => string,
): Catalog {
  const sections: SectionSpec[] = [...base.sections];
  for (const [index, extra] of (config.sections ?? []).entries()) {
    const key = where(`sections[${index}]`);
    if (sections.some((section) => section.id === extra.id || section.title === extra.title))
      throw new ConfigError(
        `${key}: a section "${extra.id}" (or titled "${extra.title}") exists already; give it another id and title.`,
      );
    const after = extra.after ?? sections[sections.length - 2]?.id;
    const at = sections.findIndex((section) => section.id === after);
    if (at < 0)
      throw new ConfigError(
        `${key}.after: there is no section "${extra.after}"; use one of ${sections.map((s) => s.id).join(', ')}.`,
      );
    // Without `after`, a new section goes before the last one (Approval).
    sections.splice(extra.after === undefined ? sections.length - 1 : at + 1, 0, {
      id: extra.id,
      title: extra.title,
      guidance: extra.guidance,
    });
  }
  const checklists: Checklist[] = base.checklists.map((checklist) => ({
    ...checklist,
    groups: [...checklist.groups],
  }));
  for (const [index, extra] of (config.checklists ?? []).entries()) {
    const checklist = checklists.find((c) => c.section === extra.section)!;
    const groups = checklist.groups as Array<Checklist['groups'][number]>;
    const at = groups.findIndex((group) => group.title === extra.group);
    const known = groups.flatMap((group) => group.items);
    const repeated = extra.items.find((item) => known.includes(item));
    if (repeated)
      throw new ConfigError(
        `${where(`checklists[${index}].items`)}: "${repeated}" is in ${extra.section} already.`,
      );
    if (at < 0) groups.push({ title: extra.group, items: [...extra.items] });
    else groups[at] = { title: groups[at].title, items: [...groups[at].items, ...extra.items] };
  }
  return { sections, checklists };
}

/** A profile's catalog: the full one without the sections and items it leaves out. */
function omit(
  catalog: Catalog,
  sectionIds: readonly string[],
  items: readonly string[],
  key: string,
  security: boolean,
): Catalog {
  for (const id of sectionIds) {
    if (!catalog.sections.some((section) => section.id === id))
      throw new ConfigError(
        `${key}.omitSections: there is no section "${id}"; use one of ${catalog.sections.map((s) => s.id).join(', ')}.`,
      );
    if (id === 'approval')
      throw new ConfigError(
        `${key}.omitSections: "approval" cannot be left out: every plan is approved.`,
      );
    if (SECURITY_SECTIONS.has(id) && !security)
      throw new ConfigError(
        `${key}.omitSections: "${id}" is a security section; a profile keeps it unless it says "allowOmittingSecurity": true.`,
      );
  }
  const allItems = catalog.checklists.flatMap((checklist) =>
    checklist.groups.flatMap((group) => group.items.map((item) => ({ item, group: group.title }))),
  );
  for (const item of items) {
    const found = allItems.filter((entry) => entry.item === item || entry.group === item);
    if (found.length === 0)
      throw new ConfigError(
        `${key}.omitItems: there is no checklist item or group "${item}"; write it word for word.`,
      );
    if (!security && found.some((entry) => SECURITY_GROUPS.has(entry.group)))
      throw new ConfigError(
        `${key}.omitItems: "${item}" is a security item; a profile keeps it unless it says "allowOmittingSecurity": true.`,
      );
  }
  const left = new Set(items);
  return {
    sections: catalog.sections.filter((section) => !sectionIds.includes(section.id)),
    checklists: catalog.checklists
      .filter((checklist) => !sectionIds.includes(checklist.section))
      .map((checklist) => ({
        ...checklist,
        groups: checklist.groups
          .filter((group) => !left.has(group.title))
          .map((group) => ({ ...group, items: group.items.filter((item) => !left.has(item)) })),
      })),
  };
}

export const DEFAULT_CONFIG: ResolvedConfig = resolveConfig({});
