/**
 * Runs the examples of docs/rules/ (see docs/rules/README.md), as eslint's check-rule-examples
 * does: each example's block is put into a plan built from the complete fixture plan, or into a
 * module's layout, as its `<!-- example: … -->` directive says, and the verifier runs on it.
 */
// eslint-disable-next-line @nx/enforce-module-boundaries -- the docs build lives in tools/, no project; its test runs here
import {
  examplesOf,
  Example,
  PartError,
  RulePart,
} from '../../../../../tools/rules-doc/parts';
import { createHash } from 'node:crypto';
import { approvalEntriesOf } from '../approval-block';
import type { Catalog } from '../catalog';
import { planDigest } from '../digest';
import { yamlLibrary } from '../front-matter';
import type {
  CommitInfo,
  PlanChange,
  PlanHistory,
  PlanVersion,
  SignatureInfo,
} from '../plan-history';
import {
  DEFAULT_CONFIG,
  resolveConfig,
  ResolvedConfig,
} from '../config/resolve';
import type { Finding } from '../finding';
import { APPLICATION_DIR, isUseCaseFile } from '../layout';
import type { ModuleLayout } from '../module-layout';
import type { ModuleRule } from '../rules/rule';
import { findingOf, verifyPlan } from '../verify';
import {
  APPROVED_AT,
  COMPLETE_DRAFT,
  COMPLETE_PLAN,
  NOW,
  PLAN_FILE,
  ZETA_FILES,
  zetaModule,
} from './plans';

/** How an example's block is put into the plan or the module (one per example). */
const PLACEMENTS = [
  'plan',
  'front-matter',
  'replace',
  'in',
  'items',
  'code',
  'layout',
  'config',
  'history',
];
/** What else a directive may say. */
const SETTINGS = ['base', 'path', 'module', 'message'];

/** An example of a part, ready to run: what it must show, and how its plan is made. */
export interface RuleExample {
  readonly ruleId: string;
  readonly kind: 'failing' | 'passing';
  /** `docs/rules/plan/placeholder.md:23`, for test names and failures. */
  readonly where: string;
  /** The message id the rule must report (failing examples that say `message:`). */
  readonly messageId: string | undefined;
  /** The rule's findings on the example. */
  findings(): Finding[];
}

/**
 * The examples of a part, in order. A given configuration holds for the examples after it; a
 * code example runs with the plan of the nearest plan block above it (a given or an example).
 */
export function ruleExamples(part: RulePart): RuleExample[] {
  const examples: RuleExample[] = [];
  let config: ResolvedConfig = DEFAULT_CONFIG;
  let plan: Example | undefined;
  for (const example of examplesOf(part)) {
    const where = `${part.file}:${example.line}`;
    const placement = placementOf(example, where);
    const isGiven = example.kind === 'given';
    if (placement === 'config') {
      if (!isGiven)
        throw new PartError(
          `${where}: a configuration is a given, not an example.`,
        );
      config = configOf(example, where);
      continue;
    }
    if (
      isGiven &&
      (placement === 'code' ||
        placement === 'layout' ||
        placement === 'history')
    )
      throw new PartError(`${where}: a given is a plan or a configuration.`);
    if (
      placement !== 'code' &&
      placement !== 'layout' &&
      placement !== 'history'
    )
      plan = example;
    if (example.kind === 'given') continue;

    const withConfig = config;
    const withPlan = plan;
    const run =
      placement === 'layout'
        ? () => layoutFindings(example, withConfig, where)
        : placement === 'history'
          ? () => historyFindings(example, withConfig, where)
          : placement === 'code'
            ? () => planFindings(withPlan, example, withConfig, where)
            : () => planFindings(example, undefined, withConfig, where);
    examples.push({
      ruleId: part.ruleId,
      kind: example.kind,
      where,
      messageId: stringOption(example, 'message'),
      findings: () => run().filter((finding) => finding.ruleId === part.ruleId),
    });
  }
  return examples;
}

function placementOf(example: Example, where: string): string {
  for (const key of example.options.keys()) {
    if (!PLACEMENTS.includes(key) && !SETTINGS.includes(key))
      throw new PartError(
        `${where}: unknown key "${key}"; a directive says one of ${PLACEMENTS.join(', ')}, and may say ${SETTINGS.join(', ')}.`,
      );
  }
  const placements = PLACEMENTS.filter((key) => example.options.has(key));
  if (placements.length !== 1)
    throw new PartError(
      `${where}: say how the block is used, with exactly one of ${PLACEMENTS.join(', ')}.`,
    );
  return placements[0];
}

function stringOption(example: Example, key: string): string | undefined {
  const value = example.options.get(key);
  return typeof value === 'string' ? value : undefined;
}

/** A configuration block: nx.json with the plugin's entry, or the plugin's options alone. */
function configOf(example: Example, where: string): ResolvedConfig {
  const json = JSON.parse(example.code) as {
    plugins?: Array<string | { plugin: string; options?: unknown }>;
  };
  if (!Array.isArray(json.plugins)) return resolveConfig(json);
  // Registered under the plugin's entry, as init writes it, or the package's main.
  const entry = json.plugins.find(
    (plugin) =>
      typeof plugin === 'object' &&
      ['@mjomeet/plan/plugin', '@mjomeet/plan'].includes(plugin.plugin),
  );
  if (typeof entry !== 'object')
    throw new PartError(`${where}: no @mjomeet/plan plugin entry.`);
  return resolveConfig(entry.options ?? {});
}

// ---- Plans ---------------------------------------------------------------------------------

/** The plan the examples start from: the complete fixture plan, as `base:` says. */
function baseOf(example: Example, where: string): string {
  const base = stringOption(example, 'base') ?? 'draft';
  if (base === 'draft') return COMPLETE_DRAFT;
  if (base === 'approved') return COMPLETE_PLAN;
  if (base === 'implemented')
    return COMPLETE_DRAFT.replace(
      /^status: draft$/m,
      'status: implemented',
    ).replace(/^(\s*[-*+] )\[ \]/gm, '$1[x]');
  throw new PartError(
    `${where}: base is draft, approved or implemented (not "${base}").`,
  );
}

function planFindings(
  planExample: Example | undefined,
  codeExample: Example | undefined,
  config: ResolvedConfig,
  where: string,
): Finding[] {
  if (!planExample)
    throw new PartError(
      `${where}: a code example needs a plan block above it.`,
    );
  const text = planText(planExample, config.defaults.catalog, where);
  const path = codeExample ? String(codeExample.options.get('code')) : '';
  if (codeExample && !/^src\/.+\.ts$/.test(path))
    throw new PartError(
      `${where}: code: names a module-relative .ts file (src/…).`,
    );
  const files = codeExample
    ? { ...ZETA_FILES, [path]: codeExample.code }
    : ZETA_FILES;
  return verifyPlan({
    file: stringOption(planExample, 'path') ?? PLAN_FILE,
    text,
    moduleCode: zetaModule(files),
    config,
    now: NOW,
  });
}

/** The plan an example makes: its block put into the base plan, as its directive says. */
export function planText(
  example: Example,
  catalog: Catalog,
  where: string,
): string {
  const { options, code } = example;
  if (options.has('plan')) return code;
  const base = baseOf(example, where);
  if (options.has('front-matter')) return setFrontMatter(base, code, where);
  if (options.has('in'))
    return replaceBody(base, String(options.get('in')), code, where);
  if (options.has('items')) return replaceItems(base, code, catalog, where);
  const title = options.get('replace');
  return replaceParts(
    base,
    code,
    typeof title === 'string' ? title : undefined,
    where,
  );
}

/** Top-level YAML entries, each with its lines (a key and what is indented below it). */
function yamlEntries(yaml: string): Array<{ key: string; lines: string[] }> {
  const entries: Array<{ key: string; lines: string[] }> = [];
  for (const line of yaml.split('\n')) {
    const key = /^([A-Za-z_][\w-]*):/.exec(line)?.[1];
    if (key) entries.push({ key, lines: [line] });
    else if (line.trim() !== '' && entries.length > 0)
      entries[entries.length - 1].lines.push(line);
  }
  return entries;
}

/** Sets the block's front-matter fields (a `---` front matter or bare YAML) in the plan's. */
function setFrontMatter(base: string, block: string, where: string): string {
  const split = /^---\n([\s\S]*?\n)---\n/.exec(base);
  if (!split)
    throw new PartError(`${where}: the base plan has no front matter.`);
  const given = /^---\n([\s\S]*?\n)---\n?$/.exec(block)?.[1] ?? block;
  const entries = yamlEntries(split[1]);
  for (const entry of yamlEntries(given)) {
    const at = entries.findIndex((candidate) => candidate.key === entry.key);
    if (at >= 0) entries[at] = entry;
    else entries.push(entry);
  }
  const yaml = entries.flatMap((entry) => entry.lines).join('\n');
  return `---\n${yaml}\n---\n${base.slice(split[0].length)}`;
}

interface Part {
  readonly level: number;
  readonly title: string;
  /** Line indexes: the heading's, and the first after the part. */
  readonly start: number;
  readonly end: number;
}

/** The `##`/`###` parts of a markdown text, fenced code left out; a part ends at a heading of its level or above. */
function partsOf(lines: readonly string[]): Part[] {
  const headings: Array<{ level: number; title: string; line: number }> = [];
  let fence: string | undefined;
  lines.forEach((line, index) => {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (
      marker &&
      (fence === undefined ||
        (marker[0] === fence[0] && marker.length >= fence.length))
    ) {
      fence = fence === undefined ? marker : undefined;
      return;
    }
    const heading =
      fence === undefined ? /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line) : null;
    if (heading)
      headings.push({
        level: heading[1].length,
        title: heading[2],
        line: index,
      });
  });
  return headings.map((heading, index) => {
    const next = headings
      .slice(index + 1)
      .find((later) => later.level <= heading.level);
    return {
      level: heading.level,
      title: heading.title,
      start: heading.line,
      end: next?.line ?? lines.length,
    };
  });
}

function findPart(
  parts: readonly Part[],
  title: string,
  level: number | undefined,
  where: string,
): Part {
  const found = parts.filter(
    (part) =>
      part.title === title &&
      (level === undefined ? part.level <= 3 : part.level === level),
  );
  if (found.length !== 1)
    throw new PartError(
      `${where}: the base plan has ${found.length} headings "${title}"${level ? ` at level ${level}` : ''}; name one it has once.`,
    );
  return found[0];
}

/** Lines without the blank lines at their end. */
function trimmed(lines: readonly string[]): string[] {
  let end = lines.length;
  while (end > 0 && lines[end - 1].trim() === '') end--;
  return lines.slice(0, end);
}

function splice(
  baseLines: readonly string[],
  start: number,
  end: number,
  inserted: readonly string[],
): string {
  const after = baseLines.slice(end);
  const tail = after.length > 0 ? ['', ...after] : [''];
  return [...baseLines.slice(0, start), ...trimmed(inserted), ...tail].join(
    '\n',
  );
}

/**
 * `replace`: the block's parts (its `##` sections, or its `###` sub-sections when it has no
 * `##` heading) replace the plan's, from the first to the last the block names; a part of the
 * block that holds only `...` (or nothing) keeps the plan's text. `replace: "Title"`: the block,
 * one part, replaces the plan's part with that title (a part the block renames).
 */
function replaceParts(
  base: string,
  block: string,
  title: string | undefined,
  where: string,
): string {
  const baseLines = base.split('\n');
  const blockLines = trimmed(block.split('\n'));
  const baseParts = partsOf(baseLines);
  const blockParts = partsOf(blockLines);
  if (blockParts.length === 0)
    throw new PartError(`${where}: the block has no heading to replace.`);
  const level = Math.min(...blockParts.map((part) => part.level));
  const top = blockParts.filter((part) => part.level === level);
  if (blockLines.slice(0, top[0].start).some((line) => line.trim() !== ''))
    throw new PartError(`${where}: the block must start with its heading.`);
  if (title !== undefined) {
    if (top.length !== 1)
      throw new PartError(
        `${where}: replace: "${title}" takes a block of one part.`,
      );
    const target = findPart(baseParts, title, level, where);
    return splice(baseLines, target.start, target.end, blockLines);
  }
  const targets = top.map((part) =>
    findPart(baseParts, part.title, level, where),
  );
  const inserted = top.flatMap((part, index) => {
    const body = blockLines.slice(part.start + 1, part.end);
    const kept = body.every(
      (line) => line.trim() === '' || line.trim() === '...',
    );
    const target = targets[index];
    return kept
      ? [...trimmed(baseLines.slice(target.start, target.end)), '']
      : [...trimmed(blockLines.slice(part.start, part.end)), ''];
  });
  const start = Math.min(...targets.map((target) => target.start));
  const end = Math.max(...targets.map((target) => target.end));
  return splice(baseLines, start, end, inserted);
}

/** `in: "Title"`: the block replaces what is under the plan's `## Title` (or `### Title`). */
function replaceBody(
  base: string,
  title: string,
  block: string,
  where: string,
): string {
  const baseLines = base.split('\n');
  const target = findPart(partsOf(baseLines), title, undefined, where);
  return splice(baseLines, target.start + 1, target.end, [
    '',
    ...block.split('\n'),
  ]);
}

const TASK_ITEM = /^\s*[-*+] \[[ xX]\] (.*)$/;

/**
 * `items`: each task item of the block replaces the plan's item of the same checklist item
 * (the longest catalog item its text starts with).
 */
function replaceItems(
  base: string,
  block: string,
  catalog: Catalog,
  where: string,
): string {
  const known = catalog.checklists
    .flatMap((checklist) => checklist.groups.flatMap((group) => group.items))
    .sort((a, b) => b.length - a.length);
  const startsWith = (text: string, item: string) =>
    text.startsWith(item) && !/[\p{L}\p{N}]/u.test(text.charAt(item.length));
  const lines = base.split('\n');
  for (const line of trimmed(block.split('\n'))) {
    const text = TASK_ITEM.exec(line)?.[1];
    if (text === undefined)
      throw new PartError(`${where}: "${line}" is not a task item.`);
    const item = known.find((candidate) => startsWith(text, candidate));
    if (!item)
      throw new PartError(`${where}: "${text}" names no checklist item.`);
    const at = lines
      .map((candidate, index) => ({
        index,
        text: TASK_ITEM.exec(candidate)?.[1],
      }))
      .filter(
        (candidate) =>
          candidate.text !== undefined && startsWith(candidate.text, item),
      );
    if (at.length !== 1)
      throw new PartError(
        `${where}: the base plan has ${at.length} items "${item}".`,
      );
    lines[at[0].index] = line;
  }
  return lines.join('\n');
}

// ---- Git history ---------------------------------------------------------------------------

/** One commit of a `history` example, oldest first. */
interface HistoryCommit {
  /** The commit's author: `Name <email>`, or an email. */
  readonly author: string;
  /** The commit writes the plan: the complete fixture plan, a draft. */
  readonly writes?: unknown;
  /** The commit adds a sentence to the plan's requirements: it changes its content. */
  readonly edits?: string;
  /** The commit adds an approval of the plan as it is by this approver (`Name <email>`, or an email). */
  readonly approves?: string;
  /** Its signature as `%G?` says it (`G`, `N`, `U`, …), and by whom (default: the author). */
  readonly signed?: string;
  readonly signer?: string;
}

interface HistoryBlock {
  readonly commits: readonly HistoryCommit[];
  /** Approvals recorded in the working tree and not committed (who, as in `approves`). */
  readonly uncommitted?: readonly string[];
  /** `shallow`, or `none` (no repository): there is no history to prove anything with. */
  readonly clone?: 'full' | 'shallow' | 'none';
  /** A CI run (`--ci`, CI=true). */
  readonly ci?: boolean;
}

function person(text: string): { name: string; email: string } {
  const match = /^(.*?)\s*<([^<>]+)>$/.exec(text.trim());
  if (match) return { name: match[1], email: match[2] };
  const local = text.trim().split('@')[0];
  return {
    name: local.charAt(0).toUpperCase() + local.slice(1),
    email: text.trim(),
  };
}

/** Adds an approval of the plan as it is now, as the approve generator writes one. */
function withApproval(text: string, approver: string): string {
  const { name, email } = person(approver);
  const entry = [
    `  - by: ${name}`,
    `    email: ${email}`,
    `    at: ${APPROVED_AT}`,
    `    digest: ${planDigest(text)}`,
  ].join('\n');
  const approved = text.replace(/^status: draft$/m, 'status: approved');
  return /^approvals:$/m.test(approved)
    ? approved.replace(/^(approvals:\n(?: {2}.*\n| {4}.*\n)*)/m, `$1${entry}\n`)
    : approved.replace(
        /^status: approved$/m,
        `status: approved\napprovals:\n${entry}`,
      );
}

/**
 * `history`: the block is a YAML mapping of the plan's git history: `commits`, oldest first, each
 * with its `author` and what it did (`writes` the plan, `edits` its content with a sentence,
 * `approves` it as someone), and its signature (`signed`, `signer`); `uncommitted` approvals;
 * `clone: shallow | none`; `ci: true`. The plan is the last commit's with the uncommitted
 * approvals; it is verified with that history, as verify-project reads it from git.
 */
function historyFindings(
  example: Example,
  config: ResolvedConfig,
  where: string,
): Finding[] {
  const block = yamlLibrary().parse(example.code) as HistoryBlock;
  if (!block || !Array.isArray(block.commits) || block.commits.length === 0)
    throw new PartError(`${where}: a history has its commits, oldest first.`);
  const commits = new Map<string, CommitInfo>();
  const signatures = new Map<string, SignatureInfo>();
  const changes: PlanChange[] = [];
  let text: string | undefined;
  let previous: string | undefined;
  block.commits.forEach((commit, index) => {
    if (text === undefined && commit.writes === undefined)
      throw new PartError(`${where}: the first commit writes the plan.`);
    const before = text;
    if (commit.writes !== undefined) text = COMPLETE_DRAFT;
    if (commit.edits !== undefined)
      text = text!.replace('Out of scope:', `${commit.edits}\n\nOut of scope:`);
    if (commit.approves !== undefined)
      text = withApproval(text!, commit.approves);
    const hash = createHash('sha1').update(`${where} ${index}`).digest('hex');
    const author = person(commit.author);
    commits.set(hash, {
      hash,
      parents: previous ? [previous] : [],
      authorName: author.name,
      authorEmail: author.email,
    });
    signatures.set(hash, {
      status: commit.signed ?? 'N',
      signer: commit.signer ?? author.email,
      key: 'SHA256:example',
    });
    changes.unshift({
      commit: hash,
      before: [before === undefined ? undefined : versionOf(before)],
      after: versionOf(text!),
    });
    previous = hash;
  });
  const committed = text!;
  for (const approver of block.uncommitted ?? [])
    text = withApproval(text!, approver);
  const history: PlanHistory =
    block.clone === 'shallow' || block.clone === 'none'
      ? {
          available: false,
          gap: block.clone === 'shallow' ? 'shallow' : 'not-a-repository',
        }
      : {
          available: true,
          commits,
          changes,
          committed: versionOf(committed),
          signatures,
        };
  return verifyPlan({
    file: PLAN_FILE,
    text: text!,
    moduleCode: zetaModule(),
    config,
    now: NOW,
    history,
    ci: block.ci === true,
  });
}

function versionOf(text: string): PlanVersion {
  const data = yamlLibrary().parse(
    /^---\n([\s\S]*?\n)---\n/.exec(text)![1],
  ) as Record<string, unknown>;
  return { digest: planDigest(text), approvals: approvalEntriesOf(data) };
}

// ---- Module layouts ------------------------------------------------------------------------

/**
 * `layout`: the block lists a workspace's files, one per line (a path ending in `/` is an empty
 * folder; text after two spaces is a note). The module rules run on the module's layout, built
 * in memory as verify-project reads it from disk (a disk could not hold `rooms/` and `Rooms/`
 * side by side on macOS or Windows).
 */
function layoutFindings(
  example: Example,
  config: ResolvedConfig,
  where: string,
): Finding[] {
  const module = stringOption(example, 'module');
  if (!module)
    throw new PartError(`${where}: a layout names its module (module: rooms).`);
  const layout = layoutOf(listedPaths(example.code), config.plansDir, module);
  const findings: Finding[] = [];
  for (const entry of config.defaults.rules) {
    if (entry.rule.scope !== 'module') continue;
    (entry.rule as ModuleRule).check(
      layout,
      (file, messageId, data) =>
        findings.push(
          findingOf(entry, file, { line: 1, column: 1 }, messageId, data),
        ),
      entry.options,
    );
  }
  return findings;
}

export function listedPaths(listing: string): string[] {
  return listing
    .split('\n')
    .map((line) => line.split(/\s{2,}/)[0].trim())
    .filter((path) => path !== '');
}

/** What readModuleLayout would read from a workspace holding these files (and empty folders). */
export function layoutOf(
  paths: readonly string[],
  plansRoot: string,
  module: string,
): ModuleLayout {
  const plansDir = `${plansRoot}/${module}`;
  const projectRoot = `packages/${module}`;
  const files = paths
    .filter((path) => path.startsWith(`${plansDir}/`) && !path.endsWith('/'))
    .map((path) => path.slice(plansDir.length + 1))
    .sort();
  const caseTwins = [
    ...new Set(
      paths
        .filter((path) => path.startsWith(`${plansRoot}/`))
        .map((path) => path.slice(plansRoot.length + 1).split('/')[0])
        .filter(
          (name) =>
            name !== module && name.toLowerCase() === module.toLowerCase(),
        ),
    ),
  ].sort();
  const applicationDir = `${projectRoot}/${APPLICATION_DIR}/`;
  const useCaseFolders = [
    ...new Set(
      paths
        .filter(
          (path) => path.startsWith(applicationDir) && !path.endsWith('/'),
        )
        .map((path) => path.slice(applicationDir.length).split('/'))
        .filter(
          (parts) => parts.length > 1 && isUseCaseFile(parts[parts.length - 1]),
        )
        .map((parts) => parts[0]),
    ),
  ].sort();
  return { plansDir, files, caseTwins, projectRoot, useCaseFolders };
}

/**
 * Rules whose examples need a module's test files and a test run's report (the evidence rules):
 * they are not run from docs/rules/ but in their own specs against real jest runs
 * (evidence*.spec.ts, verify-evidence.spec.ts). A known gap of the docs' example runner.
 */
export const RUN_ELSEWHERE = (id: string): boolean =>
  id.startsWith('evidence/');
