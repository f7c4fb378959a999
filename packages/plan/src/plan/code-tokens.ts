/**
 * Code compared as TypeScript tokens, so that formatting does not count: the plan is wrapped at
 * 80 columns, a spec file at the workspace's width, and prettier changes a few tokens with the
 * width (see the flags below). Uses TypeScript's scanner, no parse: either side may not even be
 * valid code.
 */
import type * as ts from 'typescript';
import type { ModuleCode } from './module-code';
import { typescript } from './typescript';

/** A piece of code as the rule compares it: normalised tokens, in order. */
export interface TokenSequence {
  /** Each token's SyntaxKind. */
  readonly kinds: readonly number[];
  /**
   * What the kind alone does not say: the value of a string literal (so quote style does not
   * count), the text of a template literal part, a name, a number; '' for keywords and
   * punctuation.
   */
  readonly values: readonly string[];
  /** Each token's offset in the text. */
  readonly starts: readonly number[];
}

/*
 * What the tokeniser needs to know of a SyntaxKind, as bits of a table indexed by kind (read once
 * from the loaded compiler). Prettier changes a few tokens with the print width; the table says
 * where, so that those changes do not count:
 * - a `,` before a CLOSER is a trailing comma, added when a list is wrapped;
 * - a `;` before `}` ends a member of a type literal wrapped onto lines (in code, every statement
 *   has its `;` whatever the width, so dropping it there too changes nothing);
 * - a `|` after a BEFORE_BAR token leads a union type wrapped onto lines;
 * - parentheses opened after a BEFORE_PARENS token and closed before an AFTER_PARENS token (or
 *   the end) wrap the whole argument of `return`/`throw`, the whole body of an arrow function or
 *   the whole consequent of a conditional: prettier adds or removes them when it wraps;
 * - so are parentheses around a wrapped union type that is a tuple element, `[A, (| B | C)]`.
 */
const CLOSER = 1;
const BEFORE_BAR = 2;
const BEFORE_PARENS = 4;
const AFTER_PARENS = 8;
/** A `/` after it is a division; after anything else it starts a regular expression. */
const ENDS_EXPRESSION = 16;
/** Compared by value: a string literal whatever its quotes, a name, a number. */
const VALUE = 32;
/** Compared by text: template literal parts, regular expressions, unknown characters. */
const TEXT = 64;

/** Kinds of parentheses whose closing token decides whether both are dropped. */
const OPTIONAL = 1;
const AFTER_SEPARATOR = 2;
const FOLLOWED_BY_BAR = 4;

interface Tokeniser {
  readonly S: typeof ts.SyntaxKind;
  readonly scanner: ts.Scanner;
  readonly flags: Uint8Array;
}

let tokeniserCache: Tokeniser | undefined;
function tokeniser(): Tokeniser {
  if (tokeniserCache) return tokeniserCache;
  const ts = typescript();
  const S = ts.SyntaxKind;
  const flags = new Uint8Array(S.Count + 1);
  for (let kind = 0; kind < flags.length; kind++) {
    const punctuation = kind >= S.FirstPunctuation && kind <= S.LastPunctuation;
    const keyword = kind >= S.FirstKeyword && kind <= S.LastKeyword;
    if (!punctuation && !keyword) flags[kind] = TEXT;
  }
  const set = (bit: number, kinds: readonly number[]) => {
    for (const kind of kinds) flags[kind] |= bit;
  };
  for (const kind of [
    S.StringLiteral,
    S.Identifier,
    S.PrivateIdentifier,
    S.NumericLiteral,
    S.BigIntLiteral,
  ]) {
    flags[kind] = VALUE;
  }
  set(CLOSER, [S.CloseParenToken, S.CloseBracketToken, S.CloseBraceToken, S.GreaterThanToken]);
  set(BEFORE_BAR, [
    S.EqualsToken,
    S.ColonToken,
    S.OpenParenToken,
    S.LessThanToken,
    S.CommaToken,
    S.OpenBracketToken,
    S.EqualsGreaterThanToken,
    S.QuestionToken,
    S.AsKeyword,
    S.SatisfiesKeyword,
    S.ExtendsKeyword,
  ]);
  set(BEFORE_PARENS, [S.ReturnKeyword, S.ThrowKeyword, S.EqualsGreaterThanToken, S.QuestionToken]);
  set(AFTER_PARENS, [
    S.SemicolonToken,
    S.CloseParenToken,
    S.CloseBracketToken,
    S.CloseBraceToken,
    S.CommaToken,
    S.ColonToken,
  ]);
  set(ENDS_EXPRESSION, [
    S.Identifier,
    S.PrivateIdentifier,
    S.NumericLiteral,
    S.BigIntLiteral,
    S.StringLiteral,
    S.RegularExpressionLiteral,
    S.NoSubstitutionTemplateLiteral,
    S.TemplateTail,
    S.CloseParenToken,
    S.CloseBracketToken,
    S.CloseBraceToken,
    S.PlusPlusToken,
    S.MinusMinusToken,
    S.ThisKeyword,
    S.SuperKeyword,
    S.TrueKeyword,
    S.FalseKeyword,
    S.NullKeyword,
  ]);
  tokeniserCache = {
    S,
    scanner: ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard),
    flags,
  };
  return tokeniserCache;
}

/**
 * The tokens of a piece of TypeScript, with TypeScript's scanner: no parse, since either side
 * may not even be valid code (the scanner reads anything). Comments and white space are trivia;
 * what prettier changes with the print width is dropped (see the flags above).
 */
export function tokenize(text: string): TokenSequence {
  const { S, scanner, flags } = tokeniser();
  const kinds: number[] = [];
  const values: string[] = [];
  const starts: number[] = [];
  /** Open parentheses: their index in `kinds`, and OPTIONAL/AFTER_SEPARATOR/FOLLOWED_BY_BAR. */
  const openAt: number[] = [];
  const openKind: number[] = [];
  /** A pair just closed, dropped or kept depending on the token after it. */
  let pendingOpen = -1;
  let pendingClose = -1;
  let pendingKind = 0;
  let droppedParens: number[] | undefined;
  /** Per template literal being read, the depth of `{` in its current `${...}`. */
  const templates: number[] = [];
  let previous: number = S.Unknown;
  scanner.setText(text);
  try {
    for (let kind = scanner.scan(); ; kind = scanner.scan()) {
      if (kind === S.SlashToken || kind === S.SlashEqualsToken) {
        if (!(flags[previous] & ENDS_EXPRESSION)) kind = scanner.reScanSlashToken();
      } else if (kind === S.OpenBraceToken) {
        if (templates.length > 0) templates[templates.length - 1]++;
      } else if (kind === S.CloseBraceToken && templates.length > 0) {
        if (templates[templates.length - 1] === 0) {
          kind = scanner.reScanTemplateToken(false);
          if (kind === S.TemplateTail) templates.pop();
        } else templates[templates.length - 1]--;
      }
      if (kind === S.TemplateHead) templates.push(0);

      if (pendingKind !== 0) {
        if (
          pendingKind === OPTIONAL
            ? kind === S.EndOfFileToken || flags[kind] & AFTER_PARENS
            : kind === S.CommaToken || kind === S.CloseBracketToken
        ) {
          (droppedParens ??= []).push(pendingOpen, pendingClose);
        }
        pendingKind = 0;
      }
      if (kind === S.EndOfFileToken) break;

      if (
        (previous === S.CommaToken && flags[kind] & CLOSER) ||
        (previous === S.SemicolonToken && kind === S.CloseBraceToken)
      ) {
        kinds.pop();
        values.pop();
        starts.pop();
      }
      if (kind === S.BarToken && flags[previous] & BEFORE_BAR) {
        if (previous === S.OpenParenToken && openKind.length > 0) {
          openKind[openKind.length - 1] |= FOLLOWED_BY_BAR;
        }
        previous = kind;
        continue;
      }

      const flag = flags[kind];
      kinds.push(kind);
      values.push(
        flag & VALUE ? scanner.getTokenValue() : flag & TEXT ? scanner.getTokenText() : '',
      );
      starts.push(scanner.getTokenStart());
      if (kind === S.OpenParenToken) {
        openAt.push(kinds.length - 1);
        openKind.push(
          flags[previous] & BEFORE_PARENS
            ? OPTIONAL
            : previous === S.CommaToken || previous === S.OpenBracketToken
              ? AFTER_SEPARATOR
              : 0,
        );
      } else if (kind === S.CloseParenToken && openAt.length > 0) {
        const open = openAt.pop()!;
        const openedAs = openKind.pop()!;
        if (openedAs & OPTIONAL || openedAs === (AFTER_SEPARATOR | FOLLOWED_BY_BAR)) {
          pendingOpen = open;
          pendingClose = kinds.length - 1;
          pendingKind = openedAs & OPTIONAL ? OPTIONAL : AFTER_SEPARATOR;
        }
      }
      previous = kind;
    }
  } finally {
    // The scanner is shared: it must not keep the text alive.
    scanner.setText('');
  }
  if (!droppedParens) return { kinds, values, starts };
  const dropped = new Uint8Array(kinds.length);
  for (const index of droppedParens) dropped[index] = 1;
  const kept: TokenSequence = { kinds: [], values: [], starts: [] };
  for (let i = 0; i < kinds.length; i++) {
    if (dropped[i]) continue;
    (kept.kinds as number[]).push(kinds[i]);
    (kept.values as string[]).push(values[i]);
    (kept.starts as number[]).push(starts[i]);
  }
  return kept;
}

/**
 * Index of the first token of `file` that differs from `copy`'s; `file.kinds.length` when the
 * file ends before the copy does; undefined when they are the same.
 */
export function firstDifference(copy: TokenSequence, file: TokenSequence): number | undefined {
  const length = Math.min(copy.kinds.length, file.kinds.length);
  for (let i = 0; i < length; i++) {
    if (copy.kinds[i] !== file.kinds[i] || copy.values[i] !== file.values[i]) return i;
  }
  return copy.kinds.length === file.kinds.length ? undefined : length;
}

/** Each spec file is tokenised at most once per ModuleCode, however many plans name it. */
const specTokens = new WeakMap<ModuleCode, Map<string, TokenSequence>>();

export function tokensOfSpec(code: ModuleCode, path: string, source: string): TokenSequence {
  let cache = specTokens.get(code);
  if (!cache) specTokens.set(code, (cache = new Map()));
  let tokens = cache.get(path);
  if (!tokens) cache.set(path, (tokens = tokenize(source)));
  return tokens;
}

/**
 * The token of the file to quote for a difference at `at`. Where the file has a `;` or `,` and
 * the copy closes a block or list, the copy's own last `;` or `,` was dropped (see tokenize): the
 * file goes on there, and what differs starts after that `;` or `,`, often on the next line.
 */
export function quotedToken(copy: TokenSequence, file: TokenSequence, at: number): number {
  const { S, flags } = tokeniser();
  const kind = file.kinds[at];
  return (kind === S.SemicolonToken || kind === S.CommaToken) &&
    at < copy.kinds.length &&
    flags[copy.kinds[at]] & CLOSER &&
    at + 1 < file.kinds.length
    ? at + 1
    : at;
}
