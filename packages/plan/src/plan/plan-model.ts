/**
 * What a parsed plan looks like. Every element carries the 1-based line and column where it is
 * in the whole file (front matter included), so a rule can point at it.
 */
import type { FrontMatterField } from './front-matter';
import type { LineIndex, SourcePosition } from './line-index';
import type { UnreadableKind } from './readable';

export type { SourcePosition } from './line-index';
export type { FrontMatterField } from './front-matter';

export type ParseProblemKind =
  | UnreadableKind
  /** The first line is not `---`. */
  | 'no-front-matter'
  /** An opening `---` without a closing one. */
  | 'unclosed-front-matter'
  /** YAML syntax error, or YAML that is not a mapping. */
  | 'invalid-yaml'
  /** The markdown parser failed (not expected; kept so that parsing never throws). */
  | 'markdown';

/** Something that kept the parser from reading part of the plan. The parser never throws. */
export interface ParseProblem extends SourcePosition {
  readonly kind: ParseProblemKind;
  readonly message: string;
}

export interface FrontMatter extends SourcePosition {
  /** 1-based line of the closing fence. */
  readonly endLine: number;
  /** The YAML between the fences. */
  readonly source: string;
  /** The top-level mapping; undefined when the YAML is invalid or not a mapping. */
  readonly data: Readonly<Record<string, unknown>> | undefined;
  /** Every field by dotted path (`status`, `approval.at`), with its position. */
  readonly fields: ReadonlyMap<string, FrontMatterField>;
}

export interface Heading extends SourcePosition {
  /** 1 for `#`, 2 for `##`, 3 for `###`... */
  readonly level: number;
  /** The heading's text: entities and backslash escapes decoded, inline markup (backticks) kept. */
  readonly text: string;
}

export interface TaskItem extends SourcePosition {
  /** `[x]`/`[X]` rather than `[ ]`. The position is that of the `[`. */
  readonly checked: boolean;
  /** The item's text without the marker; continuation lines joined by one space. */
  readonly text: string;
  /** 1-based column where the text starts (on the item's first line). */
  readonly textColumn: number;
  /** Last line of the list item, inclusive: its nested lists and paragraphs belong to it. */
  readonly endLine: number;
}

/** A list item, task or not, as the evidence rules read it (the items under a threat table). */
export interface ListItem extends SourcePosition {
  /** The item's first paragraph, continuation lines joined by one space; '' when it has none. */
  readonly text: string;
  /** Last line of the item, inclusive (its nested lists included). */
  readonly endLine: number;
  /** 0 for an item of a top-level list, 1 for an item of a list nested in it, and so on. */
  readonly depth: number;
}

/**
 * An inline link, `[text](target)` (or a reference link that resolves). Only links are read:
 * the rest of the inline markup is not parsed. The position is that of the `[`.
 */
export interface Link extends SourcePosition {
  /** The text between the brackets, as written: escapes decoded, runs of white space one space. */
  readonly text: string;
  /** Where it points, as written (percent-encoding decoded). */
  readonly target: string;
  /** 1-based line of the link's end (a link's text may wrap over lines). */
  readonly endLine: number;
}

export interface TableRow extends SourcePosition {
  /** Cell texts, trimmed, as markdown-it reads them (escaped pipes unescaped). */
  readonly cells: readonly string[];
  /** 1-based column of each cell's text (of its first character, or of the cell when empty). */
  readonly cellColumns: readonly number[];
}

export interface Table extends SourcePosition {
  readonly header: TableRow;
  /** The body rows, without the header and the delimiter row. */
  readonly rows: readonly TableRow[];
}

export interface CodeBlock extends SourcePosition {
  /** The first word of the info string, lower case: `ts`, `typescript`, `sh`; '' without one. */
  readonly lang: string;
  readonly info: string;
  /** The code, as markdown-it gives it (container indentation removed, ends with a newline). */
  readonly code: string;
  /** 1-based line of the first code line (the line after the opening fence). */
  readonly codeLine: number;
}

/** A `##` section: from its heading to the next `#`/`##` heading (or the end of the file). */
export interface Section {
  readonly heading: Heading;
  /** Same as `heading.text`. */
  readonly title: string;
  /** Last line of the section, inclusive. */
  readonly endLine: number;
  readonly subheadings: readonly Heading[];
  readonly tasks: readonly TaskItem[];
  readonly tables: readonly Table[];
  readonly codeBlocks: readonly CodeBlock[];
  /** Every list item of the section, at any depth, in document order. */
  readonly listItems: readonly ListItem[];
  /** Every link of the section's text (paragraphs, list items, table cells, headings). */
  readonly links: readonly Link[];
  /** Blocks other than headings: paragraphs, lists, tables, code, quotes, rules, html. */
  readonly contentBlocks: number;
}

export interface ParsedPlan {
  /** The path the plan was read from, as given (workspace-relative in practice). */
  readonly file: string;
  readonly text: string;
  readonly lines: LineIndex;
  readonly frontMatter: FrontMatter | undefined;
  /** 1-based line and offset where the markdown body starts (after the front matter). */
  readonly bodyLine: number;
  readonly bodyOffset: number;
  /** The first `#` heading. */
  readonly title: Heading | undefined;
  /** Every `##` section, in document order (unknown titles and repeats included). */
  readonly sections: readonly Section[];
  /** Every heading, task, table and fenced code block of the body, in document order. */
  readonly headings: readonly Heading[];
  readonly tasks: readonly TaskItem[];
  readonly tables: readonly Table[];
  readonly codeBlocks: readonly CodeBlock[];
  /** Every list item and every link of the body, in document order. */
  readonly listItems: readonly ListItem[];
  readonly links: readonly Link[];
  /** What kept the parser from reading part of the plan; empty for a well-formed plan. */
  readonly problems: readonly ParseProblem[];
}
