/**
 * The hand-written parts of docs/rules.md: one file per rule, `docs/rules/{group}/{name}.md`,
 * and the page around them, `docs/rules/_page.md`. A part holds a rule's prose and examples;
 * each example is a fenced block with an `<!-- example: … -->` directive above it, which says
 * whether the rule must report on it and how it is put into a plan (docs/rules/README.md).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const PARTS_DIR = 'docs/rules';
export const PAGE_FILE = `${PARTS_DIR}/_page.md`;

/** `plan/placeholder` → `docs/rules/plan/placeholder.md`. */
export function partFileOf(ruleId: string): string {
  return `${PARTS_DIR}/${ruleId}.md`;
}

export interface RulePart {
  readonly ruleId: string;
  /** Workspace-relative. */
  readonly file: string;
  /** The part without its `# \`id\`` heading line. */
  readonly body: string;
  /** 1-based line of the file where `body` starts. */
  readonly bodyLine: number;
}

export class PartError extends Error {
  override readonly name = 'PartError';
}

/** Reads a rule's part; its first line must be its heading, `# \`group/name\``. */
export function readPart(root: string, ruleId: string): RulePart {
  const file = partFileOf(ruleId);
  const path = join(root, file);
  if (!existsSync(path))
    throw new PartError(
      `${file} is missing: every rule has a hand-written part (what it checks, why, a failing and a passing example).`,
    );
  return parsePart(ruleId, file, readFileSync(path, 'utf-8'));
}

export function parsePart(ruleId: string, file: string, text: string): RulePart {
  const heading = `# \`${ruleId}\``;
  const [first, ...rest] = text.replace(/\r\n?/g, '\n').split('\n');
  if (first !== heading)
    throw new PartError(`${file}:1: the part must start with the line ${heading}.`);
  const skipped = rest.findIndex((line) => line.trim() !== '');
  return {
    ruleId,
    file,
    body: rest.slice(skipped).join('\n').trimEnd() + '\n',
    bodyLine: 2 + skipped,
  };
}

/** The rule ids that have a part file: `docs/rules/{group}/{name}.md`. */
export function partIds(root: string): string[] {
  const dir = join(root, PARTS_DIR);
  const ids: string[] = [];
  for (const group of readdirSync(dir, { withFileTypes: true })) {
    if (!group.isDirectory()) continue;
    for (const file of readdirSync(join(dir, group.name), { withFileTypes: true })) {
      if (file.isFile() && file.name.endsWith('.md'))
        ids.push(`${group.name}/${file.name.slice(0, -'.md'.length)}`);
    }
  }
  return ids.sort();
}

export type ExampleKind = 'failing' | 'passing' | 'given';

/** An `<!-- example: kind, key: value, flag -->` line and the fenced block below it. */
export interface Example {
  readonly kind: ExampleKind;
  /** `key: value` pairs; a bare key (`replace`, `items`) has the value `true`. */
  readonly options: ReadonlyMap<string, string | true>;
  /** 1-based line of the directive in the part file. */
  readonly line: number;
  /** The block's info string's first word: `markdown`, `yaml`, `text`, `ts`, `json`. */
  readonly lang: string;
  /** The block's content, without its fences; ends with a line break unless empty. */
  readonly code: string;
}

/** `<!-- example: …` up to its `-->`, which may be on a later line. */
const DIRECTIVE_START = /^<!--\s*example:/;
const DIRECTIVE = /^<!--\s*example:\s*([\s\S]*?)\s*-->\s*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)[^`]*$/;
const COMMENT_LINE = /^<!--.*-->\s*$/;

/** A closing fence: the opening's character, at least as many, nothing else. */
function closes(line: string, opening: string): boolean {
  const match = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
  return match !== null && match[1][0] === opening[0] && match[1].length >= opening.length;
}

/** A fenced block of a part: where it starts (1-based, in the file) and whether it is an example. */
export interface FencedBlock {
  readonly line: number;
  readonly lang: string;
  readonly example: boolean;
}

/** Every example of a part, in order. Throws a PartError on a directive it cannot read. */
export function examplesOf(part: RulePart): Example[] {
  return scan(part).examples;
}

/** Every fenced block of a part, examples or not (inner fences of an example are its content). */
export function blocksOf(part: RulePart): FencedBlock[] {
  return scan(part).blocks;
}

function scan(part: RulePart): { examples: Example[]; blocks: FencedBlock[] } {
  const lines = part.body.split('\n');
  const at = (index: number) => `${part.file}:${part.bodyLine + index}`;
  const examples: Example[] = [];
  const blocks: FencedBlock[] = [];
  let pending: { kind: ExampleKind; options: Map<string, string | true>; index: number } | null =
    null;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    if (DIRECTIVE_START.test(line)) {
      const last = lines.findIndex(
        (candidate, after) => after >= index && candidate.includes('-->'),
      );
      const directive = last === -1 ? null : DIRECTIVE.exec(lines.slice(index, last + 1).join(' '));
      if (!directive) throw new PartError(`${at(index)}: the directive is not closed (-->).`);
      if (pending)
        throw new PartError(`${at(pending.index)}: the directive has no block below it.`);
      pending = { ...parseDirective(directive[1], at(index)), index };
      index = last;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const [, marker, lang] = fence;
      const close = lines.findIndex(
        (candidate, after) => after > index && closes(candidate, marker),
      );
      if (close === -1) throw new PartError(`${at(index)}: the fenced block is not closed.`);
      const code = lines.slice(index + 1, close).join('\n');
      blocks.push({ line: part.bodyLine + index, lang, example: pending !== null });
      if (pending) {
        examples.push({
          kind: pending.kind,
          options: pending.options,
          line: part.bodyLine + pending.index,
          lang,
          code: code === '' ? '' : `${code}\n`,
        });
        pending = null;
      }
      index = close;
      continue;
    }
    // Between a directive and its block: blank lines and other comments (`<!-- prettier-ignore -->`).
    if (pending && line.trim() !== '' && !COMMENT_LINE.test(line))
      throw new PartError(`${at(pending.index)}: the directive must be right above its block.`);
  }
  if (pending) throw new PartError(`${at(pending.index)}: the directive has no block below it.`);
  return { examples, blocks };
}

const KINDS: readonly ExampleKind[] = ['failing', 'passing', 'given'];

function parseDirective(
  text: string,
  where: string,
): { kind: ExampleKind; options: Map<string, string | true> } {
  const [first, ...fields] = splitFields(text, where);
  const kind = KINDS.find((candidate) => candidate === first);
  if (!kind)
    throw new PartError(
      `${where}: an example directive starts with ${KINDS.join(', ')} (it starts with "${first}").`,
    );
  const options = new Map<string, string | true>();
  for (const field of fields) {
    const match = /^([a-z][a-z-]*)(?:\s*:\s*(.*))?$/.exec(field);
    if (!match) throw new PartError(`${where}: cannot read "${field}" (key or key: value).`);
    const [, key, raw] = match;
    if (options.has(key)) throw new PartError(`${where}: "${key}" is given twice.`);
    options.set(key, raw === undefined ? true : unquote(raw, where));
  }
  return { kind, options };
}

/** Splits on commas outside double quotes. */
function splitFields(text: string, where: string): string[] {
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '\\' && quoted) {
      current += char + (text[++i] ?? '');
    } else if (char === '"') {
      quoted = !quoted;
      current += char;
    } else if (char === ',' && !quoted) {
      fields.push(current.trim());
      current = '';
    } else current += char;
  }
  if (quoted) throw new PartError(`${where}: a quote is not closed.`);
  fields.push(current.trim());
  return fields.filter((field) => field !== '');
}

function unquote(raw: string, where: string): string {
  if (!raw.startsWith('"')) return raw;
  try {
    return JSON.parse(raw) as string;
  } catch {
    throw new PartError(`${where}: ${raw} is not a quoted string.`);
  }
}

/** The part as docs/rules.md shows it: without its example directives. */
export function withoutDirectives(body: string): string {
  return body.replace(/^<!--\s*example:[\s\S]*?-->[ \t]*\n(?:[ \t]*\n)?/gm, '');
}
