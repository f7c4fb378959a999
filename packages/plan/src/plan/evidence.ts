/**
 * Evidence: a markdown link whose target is a test file of the module and whose text is the
 * test's full name (its `describe` titles and its title, joined by ` › `):
 *
 *   - [x] Rate limiting configured — [Limiter › refuses the 11th request](/packages/x/src/limiter.spec.ts)
 *
 * This reads, once per plan, every evidence link of the plan, what it is evidence of (a checklist
 * item, or a threat: in its row, or in the list under the threat table), and, once per link,
 * what the cited file holds. The evidence rules (verify-plan) and the test-run check
 * (verify-evidence) read it from here.
 */
import { posix } from 'node:path';
import type { Catalog } from './catalog';
import { checklistTasks, isNotApplicable, startsWithItem } from './checklist-tasks';
import type { SourcePosition } from './line-index';
import type { ModuleCode } from './module-code';
import { hasPlaceholder } from './placeholder-marker';
import type { Link, ParsedPlan, Section, TableRow, TaskItem } from './plan-model';
import { BLANK_CELL, isBlankRow, THREAT, threatTables } from './plan-tables';
import { excerpt } from './text';
import { TestCase, testFile } from './typescript';

/** What joins a test's `describe` titles and its title in its full name, as jest's reporters show it. */
export const NAME_SEPARATOR = ' › ';
/** A test file, by the names jest's default `testMatch` runs: `*.spec.ts`, `*.test.js`, `__tests__/*`. */
const TEST_FILE = /(?:\.(?:spec|test)\.[cm]?[jt]sx?|\/__tests__\/[^/]+\.[cm]?[jt]sx?)$/;
/** A URL rather than a path of the repository: `https://…`, `mailto:…`. */
const URL_SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;
/** A threat's short id at the start of its cell: `T1`, `TM-12`, `R3a`. */
const THREAT_ID = /^([A-Za-z]{1,4}-?\d{1,4}[a-z]?)\b/;
const INLINE_MARKUP = /[*_`~]/g;

export function isTestFile(path: string): boolean {
  return TEST_FILE.test(`/${path}`);
}

/** A link that cites a test: it targets a test file, or its text is a full name (`a › b`). */
export interface EvidenceLink extends Link {
  /**
   * The target as a workspace-relative path (`packages/x/src/a.spec.ts`), without `#…` or
   * `?…`: relative to the plan's folder, or to the repository root when it starts with `/`.
   * Undefined for a URL, or a path that leaves the workspace.
   */
  readonly file: string | undefined;
  readonly isUrl: boolean;
  /** The cited full name, white space collapsed. */
  readonly name: string;
}

export type EvidenceOwner = ItemOwner | ThreatOwner;

/** A task item of a checklist section. */
export interface ItemOwner {
  readonly kind: 'item';
  readonly task: TaskItem;
  /** The catalog item the task is, or the task's own words when it is none. */
  readonly item: string;
  readonly checklist: string;
  /** The `###` group it is under, '' when none. */
  readonly group: string;
  /** What a message calls it: `` `Rate limiting configured` ``. */
  readonly label: string;
}

/** A row of a threat table. */
export interface ThreatOwner {
  readonly kind: 'threat';
  readonly row: TableRow;
  readonly threat: string;
  /** The threat cell. */
  readonly at: SourcePosition;
  /** Whether a cell of the row holds the template's placeholder (plan/placeholder reports it). */
  readonly placeholder: boolean;
  readonly label: string;
}

export interface Cited<O extends EvidenceOwner = EvidenceOwner> {
  readonly owner: O;
  readonly links: readonly EvidenceLink[];
}

export interface PlanEvidence {
  /** Every evidence link of the plan, in document order. */
  readonly links: readonly EvidenceLink[];
  /** What a link is evidence of; undefined for a link cited anywhere else. */
  ownerOf(link: EvidenceLink): EvidenceOwner | undefined;
  /** Every task item of the checklist sections, with the links under it. */
  readonly items: ReadonlyArray<Cited<ItemOwner>>;
  /** Every threat row that names a threat, with its links. */
  readonly threats: ReadonlyArray<Cited<ThreatOwner>>;
}

export interface EvidenceSource {
  readonly plan: ParsedPlan;
  readonly catalog: Catalog;
  /** The first section of each catalog title, by section id. */
  readonly sections: ReadonlyMap<string, Section>;
}

const computed = new WeakMap<ParsedPlan, PlanEvidence>();

/** The evidence of a plan: read once, whichever rule asks first. */
export function planEvidence(source: EvidenceSource): PlanEvidence {
  let evidence = computed.get(source.plan);
  if (!evidence) {
    evidence = readEvidence(source);
    computed.set(source.plan, evidence);
  }
  return evidence;
}

function readEvidence({ plan, catalog, sections }: EvidenceSource): PlanEvidence {
  const links = plan.links.filter(isEvidence).map((link) => evidenceLink(link, plan.file));
  const owners = new Map<EvidenceLink, EvidenceOwner>();

  const items: Array<{ owner: ItemOwner; links: EvidenceLink[] }> = [];
  for (const { checklist, section, tasks } of checklistTasks(catalog.checklists, sections)) {
    const known = checklist.groups.flatMap((group) => group.items);
    for (const task of tasks) {
      const group = [...section.subheadings].reverse().find((h) => h.line < task.line);
      const item = known.find((candidate) => startsWithItem(task.text, candidate));
      const words = item ?? ownWords(task.text);
      items.push({
        owner: {
          kind: 'item',
          task,
          item: words,
          checklist: checklist.section,
          group: group?.text ?? '',
          label: `\`${words}\``,
        },
        links: [],
      });
    }
  }
  // The innermost task around a link owns it: tasks are in document order, nested ones later.
  for (const link of links) {
    let owner: (typeof items)[number] | undefined;
    for (const candidate of items) {
      const { task } = candidate.owner;
      if (task.line <= link.line && link.line <= task.endLine) owner = candidate;
    }
    if (owner) {
      owner.links.push(link);
      owners.set(link, owner.owner);
    }
  }

  const threats: Array<{ owner: ThreatOwner; links: EvidenceLink[] }> = [];
  const section = sections.get('threat-model');
  const tables = threatTables(section);
  for (const { table, columns } of tables) {
    for (const row of table.rows) {
      if (isBlankRow(row.cells)) continue;
      const threat = row.cells[columns[THREAT]] ?? '';
      if (BLANK_CELL.test(threat)) continue;
      threats.push({
        owner: {
          kind: 'threat',
          row,
          threat,
          at: { line: row.line, column: row.cellColumns[columns[THREAT]] ?? row.column },
          placeholder: row.cells.some(hasPlaceholder),
          label: `threat "${excerpt(threat, 60)}"`,
        },
        links: [],
      });
    }
  }
  if (section && threats.length > 0) {
    const afterTables = Math.min(...tables.map(({ table }) => table.line));
    const listed = section.listItems.filter((item) => item.depth === 0 && item.line > afterTables);
    for (const link of links) {
      if (owners.has(link)) continue;
      const inRow = threats.find(({ owner }) => owner.row.line === link.line);
      const item = inRow
        ? undefined
        : listed.find((i) => i.line <= link.line && link.line <= i.endLine);
      const owner = inRow ?? (item ? threatOfItem(item.text, threats) : undefined);
      if (owner) {
        owner.links.push(link);
        owners.set(link, owner.owner);
      }
    }
  }

  return { links, ownerOf: (link) => owners.get(link), items, threats };
}

function isEvidence(link: Link): boolean {
  return link.text.includes('›') || isTestFile(pathPart(link.target));
}

/** The path of a target, without `#L12` or `?plain=1`. */
function pathPart(target: string): string {
  return target.replace(/[?#].*$/s, '');
}

function evidenceLink(link: Link, planFile: string): EvidenceLink {
  const name = link.text.replace(/\s+/g, ' ').trim();
  if (URL_SCHEME.test(link.target) || link.target.startsWith('//'))
    return { ...link, name, file: undefined, isUrl: true };
  const path = pathPart(link.target);
  const joined = path.startsWith('/')
    ? path.slice(1)
    : posix.join(posix.dirname(planFile.replace(/\\/g, '/')), path);
  const normal = posix.normalize(joined);
  const outside = normal === '..' || normal.startsWith('../') || normal.startsWith('/') || !path;
  return { ...link, name, file: outside ? undefined : normal.replace(/^\.\//, ''), isUrl: false };
}

/** A task's own words: its text up to the first link, dash or colon. */
function ownWords(text: string): string {
  return excerpt(text.split(/\s+[—–-]\s+|\[|:\s/, 1)[0] ?? text, 60);
}

/** The threat a list item under the table is about: it starts with the threat, or its id. */
function threatOfItem(
  text: string,
  threats: ReadonlyArray<{ owner: ThreatOwner; links: EvidenceLink[] }>,
): { owner: ThreatOwner; links: EvidenceLink[] } | undefined {
  const lead = plainWords(text);
  let best: { owner: ThreatOwner; links: EvidenceLink[] } | undefined;
  let bestLength = 0;
  for (const candidate of threats) {
    const threat = plainWords(candidate.owner.threat);
    const id = THREAT_ID.exec(threat)?.[1];
    for (const key of id ? [threat, id] : [threat]) {
      if (key.length > bestLength && startsWithWords(lead, key)) {
        best = candidate;
        bestLength = key.length;
      }
    }
  }
  return best;
}

function plainWords(text: string): string {
  return text.replace(INLINE_MARKUP, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

function startsWithWords(text: string, words: string): boolean {
  return text.startsWith(words) && !/[a-z0-9]/i.test(text.charAt(words.length));
}

// ---------------------------------------------------------------------------------------------
// What a cited file holds

export type LinkCheck =
  /** A URL: evidence is a file of this repository, checked against this checkout. */
  | { readonly kind: 'url' }
  | { readonly kind: 'outside-workspace' }
  | { readonly kind: 'outside-module'; readonly root: string }
  | { readonly kind: 'no-file'; readonly file: string }
  | { readonly kind: 'not-a-test-file'; readonly file: string }
  | { readonly kind: 'unparsable'; readonly file: string }
  | {
      readonly kind: 'unknown-test';
      readonly file: string;
      /** The test's current name, when one is close to the cited name. */
      readonly suggestion: string | undefined;
      /** How many tests the file has whose name is known before they run. */
      readonly named: number;
    }
  | { readonly kind: 'marked'; readonly file: string; readonly test: TestCase }
  | { readonly kind: 'no-assertion'; readonly file: string; readonly test: TestCase }
  | { readonly kind: 'ok'; readonly file: string; readonly test: TestCase };

const checks = new WeakMap<EvidenceLink, LinkCheck>();

/** What a link cites, checked against the module's code; computed once per link. */
export function checkLink(link: EvidenceLink, code: ModuleCode): LinkCheck {
  let check = checks.get(link);
  if (!check) {
    check = computeCheck(link, code);
    checks.set(link, check);
  }
  return check;
}

function computeCheck(link: EvidenceLink, code: ModuleCode): LinkCheck {
  if (link.isUrl) return { kind: 'url' };
  const file = link.file;
  if (file === undefined) return { kind: 'outside-workspace' };
  const prefix = code.root ? `${code.root}/` : '';
  if (!file.startsWith(prefix)) return { kind: 'outside-module', root: code.root };
  const text = code.readFile(file.slice(prefix.length));
  if (text === undefined) return { kind: 'no-file', file };
  if (!isTestFile(file)) return { kind: 'not-a-test-file', file };
  const census = testFile(text, file);
  if (!census) return { kind: 'unparsable', file };
  const matching = census.tests.filter((test) => namesMatch(link.name, test));
  if (matching.length === 0) {
    const named = census.tests.filter((test) => test.fullName !== undefined);
    return {
      kind: 'unknown-test',
      file,
      suggestion: closest(link.name, named),
      named: named.length,
    };
  }
  // A name jest runs twice (one copy skipped, say) counts when one copy is sound.
  const ok = matching.find((test) => !test.mark && test.asserts);
  if (ok) return { kind: 'ok', file, test: ok };
  const unmarked = matching.find((test) => !test.mark);
  if (unmarked) return { kind: 'no-assertion', file, test: unmarked };
  return { kind: 'marked', file, test: matching[0] };
}

/** White space runs compare as one space, as markdown renders the link's text. */
export function normaliseName(name: string): string {
  return name.replace(/\s+/g, ' ').trim();
}

function namesMatch(cited: string, test: TestCase): boolean {
  if (test.fullName === undefined) return false;
  const full = normaliseName(test.fullName);
  return full === cited || (test.pattern !== undefined && test.pattern.test(cited));
}

/**
 * The name of the test a link most likely means: the same title under other `describe`s, or
 * a name a few edits away (a renamed word, a typo).
 */
function closest(cited: string, tests: readonly TestCase[]): string | undefined {
  const last = cited.split(NAME_SEPARATOR).pop() ?? cited;
  const sameTitle = tests.filter(
    (test) => normaliseName(test.titles[test.titles.length - 1] ?? '') === last,
  );
  if (sameTitle.length === 1) return normaliseName(sameTitle[0].fullName!);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const test of tests) {
    const name = normaliseName(test.fullName!);
    if (Math.abs(name.length - cited.length) >= bestDistance) continue;
    const distance = editDistance(cited.toLowerCase(), name.toLowerCase());
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  const allowed = Math.max(3, Math.ceil(cited.length * 0.3));
  return best !== undefined && bestDistance <= allowed ? best : undefined;
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

/** Whether a task item is one whose tick claims nothing yet: open, or not applicable. */
export function claimsNothing(task: TaskItem): boolean {
  return !task.checked || isNotApplicable(task);
}
