/**
 * The YAML front matter: the lines between a first line `---` and the next `---` (or `...`).
 * Shared by the parser and the digest so that both agree on where the body starts.
 */
import type { Pair, YAMLMap } from 'yaml';
import { LineIndex, SourcePosition } from './line-index';

/**
 * `yaml` is loaded on first use: a front matter as plans write it is read without it
 * (simpleFrontMatter), so a verify-plan process whose plans are all simple never loads it.
 */
let yamlModule: typeof import('yaml') | undefined;
export function yamlLibrary(): typeof import('yaml') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (yamlModule ??= require('yaml') as typeof import('yaml'));
}

export interface FrontMatterSplit {
  /** The first line is a `---` fence. */
  readonly opened: boolean;
  /** A closing fence was found. */
  readonly closed: boolean;
  /** Offset of the YAML text (just after the opening fence's line break). */
  readonly yamlOffset: number;
  /** The YAML between the fences ('' when there is no front matter). */
  readonly yaml: string;
  /** 1-based line of the closing fence (0 when not closed). */
  readonly closeLine: number;
  /** Offset where the markdown body starts: after the closing fence, or 0 without front matter. */
  readonly bodyOffset: number;
  /** 1-based line where the body starts. */
  readonly bodyLine: number;
}

const OPEN_FENCE = /^---[ \t]*$/;
const CLOSE_FENCE = /^(?:---|\.\.\.)[ \t]*$/;

export function splitFrontMatter(text: string, lines: LineIndex): FrontMatterSplit {
  // A byte-order mark is invisible to a person: tolerate it before the opening fence.
  const first = lines.lineText(1).replace(/^\uFEFF/, '');
  const none = {
    opened: false,
    closed: false,
    yamlOffset: 0,
    yaml: '',
    closeLine: 0,
    bodyOffset: 0,
    bodyLine: 1,
  };
  if (!OPEN_FENCE.test(first)) return none;
  const yamlOffset = lines.lineCount > 1 ? lines.lineStart(2) : text.length;
  for (let line = 2; line <= lines.lineCount; line++) {
    if (CLOSE_FENCE.test(lines.lineText(line))) {
      const bodyLine = line + 1;
      const bodyOffset = bodyLine <= lines.lineCount ? lines.lineStart(bodyLine) : text.length;
      return {
        opened: true,
        closed: true,
        yamlOffset,
        yaml: text.slice(yamlOffset, lines.lineStart(line)),
        closeLine: line,
        bodyOffset,
        bodyLine,
      };
    }
  }
  // Unclosed: the whole file is read as the body, so the sections are still checked.
  return { ...none, opened: true };
}

export interface FrontMatterField extends SourcePosition {
  /** Dotted path: `module`, `approval.by`. */
  readonly path: string;
  /** The field's value as JavaScript (strings stay strings: YAML 1.2 core schema, no dates). */
  readonly value: unknown;
  /** Where the value starts; the key's position when the value is empty. */
  readonly valuePosition: SourcePosition;
}

export interface YamlProblem extends SourcePosition {
  readonly message: string;
}

export interface FrontMatterContent {
  /** The top-level mapping; undefined when the YAML is invalid or not a mapping. */
  readonly data: Readonly<Record<string, unknown>> | undefined;
  readonly fields: ReadonlyMap<string, FrontMatterField>;
  readonly problems: readonly YamlProblem[];
}

/** Nested mappings deeper than this carry nothing the rules read. */
const MAX_FIELD_DEPTH = 3;
/** List items given positions (`approvals.0`, `approvals.0.by`); more carry nothing the rules read. */
const MAX_LIST_ITEMS = 100;

/**
 * Parses the YAML of a front matter. Positions are of the whole file: the YAML starts on line
 * `firstLine` at column 1. Never throws.
 */
export function readFrontMatter(yaml: string, firstLine: number): FrontMatterContent {
  return simpleFrontMatter(yaml, firstLine) ?? yamlFrontMatter(yaml, firstLine);
}

/** A key of the simple front matter: a word. */
const SIMPLE_KEY = /^([A-Za-z_][A-Za-z0-9_-]*):(?: +(\S.*))?$/;
/** A plain scalar YAML certainly reads as this very string: no indicator, no `: `, no ` #`. */
const SIMPLE_PLAIN = /^[A-Za-z0-9_][A-Za-z0-9_ .,@+/:()'-]*$/;
/** What YAML 1.2's core schema reads as something other than a string. */
const NOT_A_STRING =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/**
 * The front matter as plans write it, read without the YAML library (about a third of a plan's
 * parse): `key: value` lines, `key:` followed by `  key: value` lines, and `key:` followed by a
 * list of mappings (`approvals:`, its items `  - key: value` then `    key: value`), whose values
 * are plain words and dates or simply quoted strings. Anything else (other lists, comments, escapes, numbers,
 * duplicate keys, tabs) gives undefined and is read by `yaml`, whose result this one equals
 * (front-matter.spec.ts holds them together).
 */
export function simpleFrontMatter(yaml: string, firstLine: number): FrontMatterContent | undefined {
  if (yaml.includes('\t') || yaml.includes('\r')) return undefined;
  const lines = yaml.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const data: Record<string, unknown> = {};
  const fields = new Map<string, FrontMatterField>();
  let parent: { key: string; value: Record<string, unknown>; field: FrontMatterField } | undefined;
  for (let index = 0; index < lines.length; index++) {
    const text = lines[index];
    if (text === '') return undefined;
    const nested = text.startsWith('  ');
    if (nested && !parent) return undefined;
    const indent = nested ? 2 : 0;
    const match = SIMPLE_KEY.exec(text.slice(indent));
    if (!match) return undefined;
    const [, key, raw] = match;
    if (NOT_A_STRING.test(key)) return undefined;
    const line = firstLine + index;
    const keyPosition = { line, column: indent + 1 };
    if (!nested) parent = undefined;
    const target = parent ? parent.value : data;
    if (Object.prototype.hasOwnProperty.call(target, key)) return undefined;
    if (raw === undefined && !nested && lines[index + 1]?.startsWith('  - ')) {
      // A list of mappings follows (`approvals:`), its items `  - key: value`.
      const list = simpleList(lines, index + 1, firstLine, key);
      if (!list) return undefined;
      data[key] = list.items;
      fields.set(key, {
        path: key,
        value: list.items,
        ...keyPosition,
        valuePosition: { line: line + 1, column: 3 },
      });
      for (const field of list.fields) fields.set(field.path, field);
      index = list.end - 1;
      // A `  key: value` line after the list belongs to nothing simple: yaml decides.
      parent = undefined;
      continue;
    }
    if (raw === undefined) {
      // A mapping follows, on the lines below, indented by two spaces.
      if (nested || !lines[index + 1]?.startsWith('  ')) return undefined;
      const value: Record<string, unknown> = {};
      data[key] = value;
      const field: FrontMatterField = {
        path: key,
        value,
        ...keyPosition,
        valuePosition: { line: line + 1, column: 3 },
      };
      fields.set(key, field);
      parent = { key, value, field };
      continue;
    }
    const value = simpleScalar(raw);
    if (value === undefined) return undefined;
    target[key] = value;
    const path = parent ? `${parent.key}.${key}` : key;
    fields.set(path, {
      path,
      value,
      ...keyPosition,
      valuePosition: {
        line,
        column: indent + key.length + 2 + (text.length - indent - key.length - 1 - raw.length),
      },
    });
  }
  if (lines.length === 0) return undefined;
  return { data, fields, problems: [] };
}

/**
 * The list of an `approvals:` key, as plans write it: items `  - key: value`, each followed by
 * `    key: value` lines, every value simple. From line `start` (0-based) to `end` (excluded).
 * Undefined for anything else (then the whole front matter is yaml's to read).
 */
function simpleList(
  lines: readonly string[],
  start: number,
  firstLine: number,
  listKey: string,
): { items: Array<Record<string, unknown>>; fields: FrontMatterField[]; end: number } | undefined {
  const items: Array<Record<string, unknown>> = [];
  const fields: FrontMatterField[] = [];
  let index = start;
  while (index < lines.length && lines[index].startsWith('  - ')) {
    if (items.length === MAX_LIST_ITEMS) return undefined;
    const item: Record<string, unknown> = {};
    const itemPath = `${listKey}.${items.length}`;
    const itemPosition = { line: firstLine + index, column: 5 };
    fields.push({ path: itemPath, value: item, ...itemPosition, valuePosition: itemPosition });
    items.push(item);
    // The item's first key is on its `- ` line; the others follow, indented by four spaces.
    do {
      const text = lines[index];
      const match = SIMPLE_KEY.exec(text.slice(4));
      if (!match) return undefined;
      const [, key, raw] = match;
      if (raw === undefined || NOT_A_STRING.test(key)) return undefined;
      if (Object.prototype.hasOwnProperty.call(item, key)) return undefined;
      const value = simpleScalar(raw);
      if (value === undefined) return undefined;
      item[key] = value;
      const line = firstLine + index;
      fields.push({
        path: `${itemPath}.${key}`,
        value,
        line,
        column: 5,
        valuePosition: {
          line,
          column: 4 + key.length + 2 + (text.length - 4 - key.length - 1 - raw.length),
        },
      });
      index++;
    } while (index < lines.length && lines[index].startsWith('    '));
  }
  return { items, fields, end: index };
}

/** The string a simple scalar stands for, or undefined when it is not that simple. */
function simpleScalar(raw: string): string | undefined {
  const quote = raw[0];
  if (quote === "'" || quote === '"') {
    const inner = raw.slice(1, -1);
    if (raw.length < 2 || raw[raw.length - 1] !== quote || inner.includes(quote)) return undefined;
    if (quote === '"' && inner.includes('\\')) return undefined;
    return inner;
  }
  if (raw.endsWith(' ') || !SIMPLE_PLAIN.test(raw) || NOT_A_STRING.test(raw)) return undefined;
  if (raw.includes(': ') || raw.includes(' #') || raw.endsWith(':')) return undefined;
  return raw;
}

/** readFrontMatter with the YAML library alone (what the simple reader is held to). */
export function yamlFrontMatter(yaml: string, firstLine: number): FrontMatterContent {
  const { isMap, LineCounter, parseDocument } = yamlLibrary();
  const fields = new Map<string, FrontMatterField>();
  const lineCounter = new LineCounter();
  const at = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + firstLine - 1, column: col };
  };
  try {
    const doc = parseDocument(yaml, { lineCounter, prettyErrors: false, uniqueKeys: true });
    if (doc.errors.length > 0) {
      const error = doc.errors[0];
      const more = doc.errors.length > 1 ? ` (and ${doc.errors.length - 1} more)` : '';
      return {
        data: undefined,
        fields,
        problems: [{ ...at(error.pos[0]), message: oneLine(error.message) + more }],
      };
    }
    if (doc.contents === null) return { data: {}, fields, problems: [] };
    if (!isMap(doc.contents)) {
      return {
        data: undefined,
        fields,
        problems: [
          {
            ...at(doc.contents.range?.[0] ?? 0),
            message: 'the front matter is not a mapping of `key: value` fields',
          },
        ],
      };
    }
    // maxAliasCount bounds alias expansion ("billion laughs") in a hostile file.
    const data = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown>;
    collectFields(doc.contents, data, '', 1, at, fields);
    return { data, fields, problems: [] };
  } catch (error) {
    // yaml does not throw for bad input, but toJS may (alias limits); never let it escape.
    return {
      data: undefined,
      fields,
      problems: [
        {
          line: firstLine,
          column: 1,
          message: oneLine(String((error as Error)?.message ?? error)),
        },
      ],
    };
  }
}

function collectFields(
  map: YAMLMap,
  data: Record<string, unknown>,
  prefix: string,
  depth: number,
  at: (offset: number) => SourcePosition,
  out: Map<string, FrontMatterField>,
): void {
  const { isMap, isScalar, isSeq } = yamlLibrary();
  for (const pair of map.items as Pair[]) {
    if (!isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    const path = prefix + key;
    const keyPosition = at(pair.key.range?.[0] ?? 0);
    const valueNode = pair.value as { range?: [number, number, number] } | null;
    const value = data?.[key];
    out.set(path, {
      path,
      value,
      ...keyPosition,
      valuePosition: valueNode?.range ? at(valueNode.range[0]) : keyPosition,
    });
    if (depth < MAX_FIELD_DEPTH && isMap(pair.value) && value && typeof value === 'object') {
      collectFields(pair.value, value as Record<string, unknown>, `${path}.`, depth + 1, at, out);
    } else if (depth < MAX_FIELD_DEPTH && isSeq(pair.value) && Array.isArray(value)) {
      // A list's items are `path.0`, `path.1`…, and a mapping item's fields `path.0.key`.
      pair.value.items.slice(0, MAX_LIST_ITEMS).forEach((item, index) => {
        const itemPath = `${path}.${index}`;
        const range = (item as { range?: [number, number, number] } | null)?.range;
        const position = range ? at(range[0]) : keyPosition;
        out.set(itemPath, {
          path: itemPath,
          value: value[index],
          ...position,
          valuePosition: position,
        });
        const itemValue = value[index];
        if (
          isMap(item) &&
          itemValue &&
          typeof itemValue === 'object' &&
          !Array.isArray(itemValue)
        ) {
          collectFields(
            item,
            itemValue as Record<string, unknown>,
            `${itemPath}.`,
            depth + 1,
            at,
            out,
          );
        }
      });
    }
  }
}

/** yaml's messages can span lines (a code frame); findings are one line. */
function oneLine(message: string): string {
  return message.split('\n')[0].trim();
}
