/**
 * Reads a plan into the model of plan-model.ts: front matter with `yaml`, body with
 * `markdown-it`. Every element gets the 1-based line:column of the whole file. Never throws:
 * whatever is wrong with the input becomes a ParseProblem.
 */
import MarkdownIt from 'markdown-it';
import { readFrontMatter, splitFrontMatter } from './front-matter';
import { firstNonSpaceColumn, LineIndex } from './line-index';
import type {
  CodeBlock,
  FrontMatter,
  Heading,
  Link,
  ListItem,
  ParsedPlan,
  ParseProblem,
  Section,
  SourcePosition,
  Table,
  TableRow,
  TaskItem,
} from './plan-model';
import { checkReadable } from './readable';

type Token = MarkdownIt.Token;

/**
 * One parser for the life of the process: building a MarkdownIt compiles its rule chains.
 * `html: true` so that an HTML comment is an html_block (not a paragraph that would count as
 * content). Only the block level is run: the rules read headings, lists, tables and fences,
 * and skipping the inline pass roughly halves the parse time. Links (the evidence a plan cites)
 * are the one inline construct read: only in the text that holds a `](` (see linksOf).
 */
let parser: MarkdownIt | undefined;
function markdown(): MarkdownIt {
  if (!parser) {
    parser = new MarkdownIt('default', {
      html: true,
      linkify: false,
      typographer: false,
    }).disable(['normalize', 'inline', 'linkify', 'replacements', 'smartquotes', 'text_join']);
    recordLinkSpans(parser);
  }
  return parser;
}

type InlineRule = Parameters<MarkdownIt['inline']['ruler']['at']>[1];
/** Where a link is in the inline text it was parsed from: offsets of `[`, `]` and the end. */
interface LinkSpan {
  readonly start: number;
  readonly labelEnd: number;
  readonly end: number;
}

/**
 * markdown-it's link tokens carry no position. The `link` rule is wrapped so that the token it
 * opens records where the link starts, where its text ends and where it ends.
 */
function recordLinkSpans(md: MarkdownIt): void {
  const rules = (
    md.inline.ruler as unknown as { __rules__: Array<{ name: string; fn: InlineRule }> }
  ).__rules__;
  const link = rules.find((rule) => rule.name === 'link')?.fn;
  if (!link) return;
  md.inline.ruler.at('link', (state, silent) => {
    const start = state.pos;
    const count = state.tokens.length;
    if (!link(state, silent)) return false;
    // Text pending before the link is pushed first: the link opens after it.
    let at = count;
    while (at < state.tokens.length && state.tokens[at].type !== 'link_open') at++;
    const open = state.tokens[at];
    if (!silent && open) {
      const labelEnd = state.md.helpers.parseLinkLabel(state, start, true);
      open.meta = { start, labelEnd, end: state.pos } satisfies LinkSpan;
    }
    return true;
  });
}

/**
 * What markdown-it's `normalize` rule makes of a text, without a pass over it when it has no
 * `\r`: line breaks as `\n` (a NUL, which it also replaces, never gets this far: the file is
 * unreadable then).
 */
function normalised(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/** Markdown's entities and backslash escapes decoded (`&lpar;` is `(`, `\\(` is `(`). */
export const unescapeAll = (text: string): string => markdown().utils.unescapeAll(text);

/** A GFM task marker at the start of a list item's first paragraph. */
const TASK_MARKER = /^\[([ xX])\](?=\s|$)/;
/** Top-level blocks that are content of a section (headings are not). */
const CONTENT_BLOCKS = new Set([
  'paragraph_open',
  'bullet_list_open',
  'ordered_list_open',
  'table_open',
  'fence',
  'code_block',
  'blockquote_open',
  'hr',
  'html_block',
]);

interface MutableSection {
  heading: Heading;
  title: string;
  endLine: number;
  subheadings: Heading[];
  tasks: TaskItem[];
  tables: Table[];
  codeBlocks: CodeBlock[];
  listItems: ListItem[];
  links: Link[];
  contentBlocks: number;
}

export function parsePlan(text: string, file: string): ParsedPlan {
  const problems: ParseProblem[] = [];
  const unreadable = checkReadable(text);
  if (unreadable) {
    // Nothing more is read from a file that is not a plan; the rules report just this.
    return emptyPlan(typeof text === 'string' ? text : '', file, [unreadable]);
  }

  const lines = new LineIndex(text);
  const split = splitFrontMatter(text, lines);
  let frontMatter: FrontMatter | undefined;
  if (!split.opened) {
    problems.push({
      kind: 'no-front-matter',
      line: 1,
      column: 1,
      message:
        'the first line must be `---`, followed by the `module`, `useCase` and `status` fields and a closing `---`',
    });
  } else if (!split.closed) {
    problems.push({
      kind: 'unclosed-front-matter',
      line: 1,
      column: 1,
      message:
        'the front matter opened on line 1 is never closed; add a `---` line after its last field',
    });
  } else {
    const content = readFrontMatter(split.yaml, 2);
    frontMatter = {
      line: 1,
      column: 1,
      endLine: split.closeLine,
      source: split.yaml,
      data: content.data,
      fields: content.fields,
    };
    for (const problem of content.problems) {
      // yaml reports an unterminated construct at the end of its input, which is the closing
      // fence's line; the end of the last YAML line is where the fix goes.
      const lastYamlLine = Math.max(split.closeLine - 1, 1);
      const at =
        problem.line > lastYamlLine
          ? { line: lastYamlLine, column: lines.lineText(lastYamlLine).length + 1 }
          : problem;
      problems.push({
        kind: 'invalid-yaml',
        message: problem.message,
        line: at.line,
        column: at.column,
      });
    }
  }

  const model = {
    file,
    text,
    lines,
    frontMatter,
    bodyLine: split.bodyLine,
    bodyOffset: split.bodyOffset,
    title: undefined as Heading | undefined,
    sections: [] as Section[],
    headings: [] as Heading[],
    tasks: [] as TaskItem[],
    tables: [] as Table[],
    codeBlocks: [] as CodeBlock[],
    listItems: [] as ListItem[],
    links: [] as Link[],
    problems,
  };
  try {
    const env = {};
    readBody(
      model,
      markdown().parse(normalised(text.slice(split.bodyOffset)), env),
      split.bodyLine - 1,
      env,
    );
  } catch (error) {
    problems.push({
      kind: 'markdown',
      line: split.bodyLine,
      column: 1,
      message: `the markdown could not be read: ${String((error as Error)?.message ?? error).split('\n')[0]}`,
    });
  }
  return model;
}

interface BodyModel {
  readonly lines: LineIndex;
  title: Heading | undefined;
  readonly sections: Section[];
  readonly headings: Heading[];
  readonly tasks: TaskItem[];
  readonly tables: Table[];
  readonly codeBlocks: CodeBlock[];
  readonly listItems: ListItem[];
  readonly links: Link[];
}

/**
 * Walks markdown-it's block tokens once; `lineOffset` turns body lines into file lines. `env`
 * holds the reference definitions the block pass found, for reference links.
 */
function readBody(model: BodyModel, tokens: Token[], lineOffset: number, env: object): void {
  const { lines } = model;
  let section: MutableSection | undefined;
  let listDepth = 0;
  const addLinks = (links: readonly Link[]) => {
    if (links.length === 0) return;
    model.links.push(...links);
    section?.links.push(...links);
  };
  const closeSection = (lastLine: number) => {
    if (section) section.endLine = Math.max(section.heading.line, lastLine);
    section = undefined;
  };
  const lineOf = (token: Token) => (token.map ? token.map[0] : 0) + lineOffset + 1;

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.level === 0 && section && CONTENT_BLOCKS.has(token.type)) {
      if (token.type !== 'html_block' || !isOnlyComments(token.content)) section.contentBlocks++;
    }
    switch (token.type) {
      case 'heading_open': {
        // Headings nested in a list or a quote are not structure.
        if (token.level !== 0) break;
        const line = lineOf(token);
        const lineText = lines.lineText(line);
        const heading: Heading = {
          level: Number(token.tag.slice(1)),
          text: unescapeAll(tokens[i + 1]?.content ?? '').trim(),
          line,
          column: token.markup.startsWith('#')
            ? lineText.indexOf('#') + 1
            : firstNonSpaceColumn(lineText),
        };
        model.headings.push(heading);
        if (heading.level === 1 && !model.title) model.title = heading;
        if (heading.level <= 2) {
          closeSection(line - 1);
          if (heading.level === 2) {
            section = {
              heading,
              title: heading.text,
              endLine: line,
              subheadings: [],
              tasks: [],
              tables: [],
              codeBlocks: [],
              listItems: [],
              links: [],
              contentBlocks: 0,
            };
            model.sections.push(section);
          }
        } else {
          section?.subheadings.push(heading);
        }
        break;
      }
      case 'bullet_list_open':
      case 'ordered_list_open':
        listDepth++;
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        listDepth--;
        break;
      case 'list_item_open': {
        const item = readListItem(tokens, i, lines, lineOffset, Math.max(listDepth - 1, 0));
        model.listItems.push(item);
        section?.listItems.push(item);
        const task = readTask(tokens, i, lines, lineOffset, item.endLine);
        if (task) {
          model.tasks.push(task);
          section?.tasks.push(task);
        }
        break;
      }
      case 'inline': {
        // Paragraphs and headings; a table's cells are read with the table.
        if (token.map)
          addLinks(linksOf(token.content, env, placeOfInline(token, lines, lineOffset)));
        break;
      }
      case 'table_open': {
        const { table, end, cellLinks } = readTable(tokens, i, lines, lineOffset, env);
        model.tables.push(table);
        section?.tables.push(table);
        addLinks(cellLinks);
        i = end;
        break;
      }
      case 'fence': {
        const line = lineOf(token);
        const info = token.info.trim();
        const block: CodeBlock = {
          lang: (info.split(/\s/, 1)[0] ?? '').toLowerCase(),
          info,
          code: token.content,
          line,
          column: Math.max(lines.lineText(line).indexOf(token.markup), 0) + 1,
          codeLine: line + 1,
        };
        model.codeBlocks.push(block);
        section?.codeBlocks.push(block);
        break;
      }
    }
  }
  closeSection(lines.lineCount);
}

/** The task of a list item whose first paragraph starts with `[ ]`, `[x]` or `[X]`. */
function readTask(
  tokens: Token[],
  index: number,
  lines: LineIndex,
  lineOffset: number,
  endLine: number,
): TaskItem | undefined {
  const paragraph = tokens[index + 1];
  const inline = tokens[index + 2];
  if (paragraph?.type !== 'paragraph_open' || inline?.type !== 'inline' || !inline.map)
    return undefined;
  const marker = TASK_MARKER.exec(inline.content);
  if (!marker) return undefined;
  const line = inline.map[0] + lineOffset + 1;
  const lineText = lines.lineText(line);
  const firstLine = inline.content.split('\n', 1)[0];
  const found = lineText.indexOf(firstLine);
  const column = found >= 0 ? found + 1 : firstNonSpaceColumn(lineText);
  const rest = firstLine.slice(marker[0].length);
  const textColumn = column + marker[0].length + (rest.length - rest.trimStart().length);
  const joined = inline.content
    .slice(marker[0].length)
    .split('\n')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .join(' ');
  // Decoded like a heading (`&amp;` is `&`), so that an item compares with the catalog as read.
  const text = joined.includes('&') || joined.includes('\\') ? unescapeAll(joined) : joined;
  return { checked: marker[1] !== ' ', text, textColumn, line, column, endLine };
}

/** The list item opened at tokens[index]: its first paragraph's text, its lines and depth. */
function readListItem(
  tokens: Token[],
  index: number,
  lines: LineIndex,
  lineOffset: number,
  depth: number,
): ListItem {
  const open = tokens[index];
  const line = (open.map ? open.map[0] : 0) + lineOffset + 1;
  // The item's map runs to the next item: without the blank lines before it.
  let endLine = Math.max(line, (open.map ? open.map[1] : 0) + lineOffset);
  while (endLine > line && lines.lineText(endLine).trim() === '') endLine--;
  const inline = tokens[index + 1]?.type === 'paragraph_open' ? tokens[index + 2] : undefined;
  const joined =
    inline?.type === 'inline'
      ? inline.content
          .split('\n')
          .map((part) => part.trim())
          .filter((part) => part.length > 0)
          .join(' ')
      : '';
  const text = joined.includes('&') || joined.includes('\\') ? unescapeAll(joined) : joined;
  return { text, line, column: markerColumn(lines.lineText(line)), endLine, depth };
}

/** Column of a list item's bullet or number, after indentation and blockquote markers. */
function markerColumn(lineText: string): number {
  const match = /^[\s>]*/.exec(lineText);
  return (match ? match[0].length : 0) + 1;
}

/**
 * The links of a piece of inline text (a paragraph, a heading, a table cell). Only text with a
 * `](` (or a `]` when the plan defines references) is parsed: inline parsing is what the block
 * pass skips to be fast, and a plan has few links. `place` maps an offset of the text to the
 * file.
 */
function linksOf(content: string, env: object, place: (offset: number) => SourcePosition): Link[] {
  const references = (env as { references?: object }).references;
  if (!content.includes('](') && !(references && content.includes(']'))) return [];
  const md = markdown();
  const tokens: Token[] = [];
  md.inline.parse(content, md, env, tokens);
  const links: Link[] = [];
  for (const token of tokens) {
    const span = token.meta as LinkSpan | null;
    if (token.type !== 'link_open' || !span || span.labelEnd < 0) continue;
    const label = content.slice(span.start + 1, span.labelEnd);
    const text = (label.includes('&') || label.includes('\\') ? unescapeAll(label) : label)
      .replace(/\s+/g, ' ')
      .trim();
    const target = md.normalizeLinkText(token.attrGet('href') ?? '');
    const at = place(span.start);
    links.push({
      text,
      target,
      line: at.line,
      column: at.column,
      endLine: place(span.end - 1).line,
    });
  }
  return links;
}

/**
 * Maps an offset of a paragraph's or heading's inline text to the file. The text is the source
 * lines with the container's indentation removed, so each of its lines is found in its line.
 */
function placeOfInline(
  inline: Token,
  lines: LineIndex,
  lineOffset: number,
): (offset: number) => SourcePosition {
  const first = inline.map![0] + lineOffset + 1;
  let columns: number[] | undefined;
  return (offset) => {
    const before = inline.content.slice(0, offset);
    const k = before.split('\n').length - 1;
    const lineStart = before.lastIndexOf('\n') + 1;
    columns ??= inline.content.split('\n').map((contentLine, index) => {
      const lineText = lines.lineText(first + index);
      const found = lineText.indexOf(contentLine);
      return found >= 0 ? found : firstNonSpaceColumn(lineText) - 1;
    });
    return { line: first + k, column: (columns[k] ?? 0) + offset - lineStart + 1 };
  };
}

/** The table starting at tokens[index]; `end` is the index of its table_close. */
function readTable(
  tokens: Token[],
  index: number,
  lines: LineIndex,
  lineOffset: number,
  env: object,
): { table: Table; end: number; cellLinks: Link[] } {
  const rows: TableRow[] = [];
  const cellLinks: Link[] = [];
  let header: TableRow | undefined;
  let cells: string[] = [];
  let rowLine = 0;
  let inHead = false;
  let j = index + 1;
  for (; j < tokens.length && tokens[j].type !== 'table_close'; j++) {
    const token = tokens[j];
    if (token.type === 'thead_open') inHead = true;
    else if (token.type === 'thead_close') inHead = false;
    else if (token.type === 'tr_open') {
      cells = [];
      rowLine = (token.map ? token.map[0] : 0) + lineOffset + 1;
    } else if (token.type === 'inline') cells.push(token.content.trim());
    else if (token.type === 'tr_close') {
      const row = tableRow(cells, rowLine, lines.lineText(rowLine));
      if (inHead) header = row;
      else rows.push(row);
      row.cells.forEach((cell, c) => {
        const column = row.cellColumns[c] ?? row.column;
        cellLinks.push(
          ...linksOf(cell, env, (offset) => ({ line: row.line, column: column + offset })),
        );
      });
    }
  }
  const line = (tokens[index].map ? tokens[index].map![0] : 0) + lineOffset + 1;
  header ??= tableRow([], line, lines.lineText(line));
  return { table: { header, rows, line: header.line, column: header.column }, end: j, cellLinks };
}

/**
 * A row with the column of each cell, found by splitting the source line on unescaped pipes the
 * way markdown-it does. If the split disagrees with markdown-it's cells (an odd row), every
 * cell gets the row's column rather than a wrong one.
 */
function tableRow(cells: string[], line: number, lineText: string): TableRow {
  // Skip indentation and blockquote markers before the row.
  let start = 0;
  while (
    start < lineText.length &&
    (lineText[start] === ' ' || lineText[start] === '\t' || lineText[start] === '>')
  ) {
    start++;
  }
  const column = start + 1;
  const bounds: Array<[number, number]> = [];
  let cellStart = start;
  for (let k = start; k <= lineText.length; k++) {
    if (k === lineText.length || (lineText[k] === '|' && lineText[k - 1] !== '\\')) {
      bounds.push([cellStart, k]);
      cellStart = k + 1;
    }
  }
  if (
    bounds.length > 0 &&
    lineText.slice(bounds[0][0], bounds[0][1]).trim() === '' &&
    lineText[start] === '|'
  ) {
    bounds.shift();
  }
  const last = bounds[bounds.length - 1];
  if (last && lineText.slice(last[0], last[1]).trim() === '' && bounds.length > cells.length)
    bounds.pop();
  const cellColumns = cells.map((_, c) => {
    const bound = bounds[c];
    if (!bound || bounds.length < cells.length) return column;
    const raw = lineText.slice(bound[0], bound[1]);
    const lead = raw.length - raw.trimStart().length;
    return bound[0] + (lead < raw.length ? lead : 0) + 1;
  });
  return { cells, cellColumns, line, column };
}

/**
 * Whether an html_block is only HTML comments. A loop over indexOf rather than a regex: a
 * pattern like `(<!--[\s\S]*?-->\s*)+$` backtracks exponentially on many comments followed by
 * other text.
 */
function isOnlyComments(html: string): boolean {
  let rest = html.trim();
  while (rest.startsWith('<!--')) {
    const end = rest.indexOf('-->', 4);
    if (end === -1) return false;
    rest = rest.slice(end + 3).trimStart();
  }
  return rest === '';
}

function emptyPlan(text: string, file: string, problems: ParseProblem[]): ParsedPlan {
  return {
    file,
    text,
    lines: new LineIndex(''),
    frontMatter: undefined,
    bodyLine: 1,
    bodyOffset: 0,
    title: undefined,
    sections: [],
    headings: [],
    tasks: [],
    tables: [],
    codeBlocks: [],
    listItems: [],
    links: [],
    problems,
  };
}
