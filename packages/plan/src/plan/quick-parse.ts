/**
 * A quick parse of a plan's TypeScript blocks: does the code parse, and what is its test census
 * (typescript.ts), without building a syntax tree and without loading TypeScript.
 *
 * TypeScript's `createSourceFile` builds a full tree of every block (about 2 ms a plan, after
 * 0.3 s to load TypeScript itself), where the rules ask two things of it: is there a syntax error,
 * and which calls are tests that assert. A recogniser answers both in one pass over the tokens.
 *
 * It is sound one way only, and that is the contract: it accepts code only when TypeScript's
 * parser reads it without a diagnostic, and then gives the census that `testCensus` computes from
 * TypeScript's tree. Anything else gives `undefined`, "not sure": a syntax error, and every
 * construct it does not know (JSX, decorators, regular expressions, namespaces, conditional and
 * mapped types, `yield`, labels, and ambiguities such as `a < b > (c)`). The caller then asks
 * TypeScript, which reports the error in its own words. quick-parse.spec.ts holds it to
 * TypeScript on the repository's plans and on thousands of broken variants of them.
 */

/** What the recogniser reports about code it accepts: the same as typescript.ts's TestCensus. */
export interface QuickCensus {
  readonly callsTestApi: boolean;
  readonly tests: number;
  readonly asserting: number;
}

/** The code is not what the recogniser knows, or not valid: TypeScript decides. */
const FAIL = { fail: true };
/** A construct the recogniser does not handle: no alternative is tried, TypeScript decides. */
const BAIL = { bail: true };

// Token kinds.
const EOF = 0;
const NAME = 1;
const NUM = 2;
const STR = 3;
/** A template without substitutions: `…`. */
const TPL = 4;
/** The start of a template with substitutions: `…${ */
const TPL_HEAD = 5;
const PUNCT = 6;
const PRIVATE = 7;
/** `}…${` and `}…` after a substitution (scanned on request). */
const TPL_MIDDLE = 8;
const TPL_TAIL = 9;

/** jest's test API, as both readers of tests (this one and TypeScript's walk) know it. */
export const TEST_API: ReadonlySet<string> = new Set([
  'describe',
  'it',
  'test',
  'xit',
  'fit',
  'xtest',
  'xdescribe',
  'fdescribe',
]);
export const TEST_FUNCTIONS: ReadonlySet<string> = new Set(['it', 'test', 'fit']);
export const NOT_RUN: ReadonlySet<string> = new Set(['skip', 'todo']);
export const ASSERTION = /^(?:expect|assert)/;

/** ECMAScript's reserved words: never an identifier. */
const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends ' +
    'false finally for function if import in instanceof new null return super switch this throw ' +
    'true try typeof var void while with'
  ).split(' '),
);
/** Names the recogniser does not bind or refer to (strict-mode words, contextual keywords). */
const NOT_A_BINDING = new Set([
  'let',
  'static',
  'implements',
  'interface',
  'package',
  'private',
  'protected',
  'public',
  'yield',
  'await',
  'async',
]);
const TYPE_KEYWORDS = new Set([
  'any',
  'unknown',
  'string',
  'number',
  'bigint',
  'boolean',
  'symbol',
  'object',
  'never',
  'void',
  'undefined',
  'null',
]);
/** Tokens after which `<` cannot start type arguments for TypeScript (then it compares). */
const BINARY = new Set([
  '??',
  '||',
  '&&',
  '|',
  '^',
  '&',
  '==',
  '!=',
  '===',
  '!==',
  '<',
  '>',
  '<=',
  '>=',
  '<<',
  '>>',
  '>>>',
  '+',
  '-',
  '*',
  '/',
  '%',
]);
const ASSIGNMENT = new Set([
  '=',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '<<=',
  '>>=',
  '>>>=',
  '&=',
  '|=',
  '^=',
  '&&=',
  '||=',
  '??=',
]);
const PARAMETER_MODIFIERS = new Set(['public', 'private', 'protected', 'readonly', 'override']);
const CLASS_MODIFIERS = new Set([
  'public',
  'private',
  'protected',
  'static',
  'readonly',
  'abstract',
  'override',
  'async',
]);
/** TypeScript's `isStartOfType`, for the tokens it lists by kind (identifiers aside). */
const STARTS_TYPE_PUNCT = new Set(['{', '[', '<', '|', '&', '*', '?', '!', '...']);
const STARTS_TYPE_WORD = new Set([
  ...TYPE_KEYWORDS,
  'readonly',
  'unique',
  'this',
  'typeof',
  'new',
  'true',
  'false',
  'infer',
  'import',
  'asserts',
  'function',
]);

// Scanner state.
let src = '';
let pos = 0;
let tk = EOF;
/** A name's or a punctuator's text. */
let tv = '';
let tokStart = 0;
/** A line break before the current token. */
let nl = false;

// Parser state.
let inAsync = false;
let inFunction = false;
let depthOfStatements = 0;
/** In the true branch of a conditional, where `(a): b => c` is ambiguous. */
let inConditionalTrue = false;

// The census.
let callsTestApi = false;
let tests = 0;
let asserting = 0;
/** Calls whose callee's chain starts with expect…/assert… parsed so far. */
let assertions = 0;

// What parseLeftHandSide leaves about the expression it parsed.
/** The first name of its callee chain, as typescript.ts's `chain` computes it; '' for none. */
let chainRoot = '';

// Test-file mode (quickCalls): every call expression, for typescript.ts's testFile.
let recording = false;
let calls: QuickCall[] = [];
/** The end of the token last consumed. */
let prevEnd = 0;
/** The body of the function (arrow, expression, method) whose parse ended last. */
let bodyStart = 0;
let bodyEnd = 0;
const NO_NAMES: readonly string[] = [];

/**
 * A call expression (not `new`), as TypeScript's tree has it: where it starts and ends, the
 * names of its callee chain as typescript.ts's testFile computes them (`it.each` →
 * ['it', 'each'], through calls and tagged templates, [] through anything else), and what the
 * test-file reader asks of its arguments.
 */
export interface QuickCall {
  readonly start: number;
  readonly end: number;
  readonly names: readonly string[];
  readonly argumentCount: number;
  /** The first argument's source when it is a single string or plain template literal. */
  readonly titleLiteral: string | undefined;
  /** The body of the first argument after the first that is an arrow or function expression. */
  readonly functionBody: { readonly start: number; readonly end: number } | undefined;
}

// Expression shapes.
/** Not a left-hand-side expression: cannot be assigned to. */
const OTHER = 0;
/** A left-hand-side expression. */
const LHS = 1;
/** An arrow function or a function expression, as an argument of a call. */
const FUNCTION = 2;

/**
 * The census of `code` when it certainly parses, or undefined when TypeScript must decide. TSX is
 * TypeScript's alone.
 */
export function quickParse(code: string, tsx: boolean): QuickCensus | undefined {
  if (tsx) return undefined;
  src = code;
  pos = 0;
  ahead.valid = false;
  inAsync = false;
  inFunction = false;
  depthOfStatements = 0;
  inConditionalTrue = false;
  callsTestApi = false;
  tests = 0;
  asserting = 0;
  assertions = 0;
  try {
    next();
    while (tk !== EOF) statement();
    return { callsTestApi, tests, asserting };
  } catch (error) {
    if (error === FAIL || error === BAIL || error instanceof RangeError) return undefined;
    throw error;
  } finally {
    src = '';
  }
}

/**
 * Every call expression of `code`, when it certainly parses (as quickParse accepts it), in the
 * order their parses ended; undefined when TypeScript must decide.
 */
export function quickCalls(code: string): QuickCall[] | undefined {
  recording = true;
  calls = [];
  try {
    return quickParse(code, false) ? calls : undefined;
  } finally {
    recording = false;
    calls = [];
  }
}

// ---------------------------------------------------------------------------------------------
// Scanner

function isIdentifierStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 36 || c === 95;
}
function isIdentifierPart(c: number): boolean {
  return isIdentifierStart(c) || (c >= 48 && c <= 57);
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isHex(c: number): boolean {
  return isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

function next(): void {
  prevEnd = pos;
  if (ahead.valid) {
    ahead.valid = false;
    tk = ahead.tk;
    tv = ahead.tv;
    tokStart = ahead.tokStart;
    pos = ahead.end;
    nl = ahead.nl;
    return;
  }
  scan();
}

/** ASCII character classes, for the scanner's loops. */
const C_OTHER = 0;
const C_SPACE = 1;
const C_LINE = 2;
const C_ID = 3;
const C_DIGIT = 4;
const CHAR_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  CHAR_CLASS[c] =
    c === 32 || c === 9 || c === 11 || c === 12
      ? C_SPACE
      : c === 10 || c === 13
        ? C_LINE
        : isIdentifierStart(c)
          ? C_ID
          : isDigit(c)
            ? C_DIGIT
            : C_OTHER;
}
/** Punctuators of one character that never start a longer one. */
const SINGLE = new Array<string | undefined>(128);
for (const punct of ['{', '}', '(', ')', '[', ']', ';', ',', '~', ':', '>']) {
  SINGLE[punct.charCodeAt(0)] = punct;
}

/** The end of the identifier part that starts at `start`. */
function identifierEnd(start: number): number {
  const length = src.length;
  let end = start;
  while (end < length) {
    const d = src.charCodeAt(end);
    if (d < 128 && CHAR_CLASS[d] >= C_ID) end++;
    else if (d >= 128 || d === 92)
      throw BAIL; // Unicode or escaped identifiers
    else break;
  }
  return end;
}

/** Scans the token at `pos`. */
function scan(): void {
  nl = false;
  const length = src.length;
  let c = 0;
  for (;;) {
    if (pos >= length) {
      tk = EOF;
      tokStart = pos;
      return;
    }
    c = src.charCodeAt(pos);
    if (c < 128) {
      const kind = CHAR_CLASS[c];
      if (kind === C_SPACE) {
        pos++;
        continue;
      }
      if (kind === C_LINE) {
        nl = true;
        pos++;
        continue;
      }
      if (c !== 47) break;
      const c1 = src.charCodeAt(pos + 1);
      if (c1 === 47) {
        pos += 2;
        while (pos < length) {
          const d = src.charCodeAt(pos);
          if (d === 10 || d === 13 || d === 0x2028 || d === 0x2029) break;
          pos++;
        }
      } else if (c1 === 42) {
        const end = src.indexOf('*/', pos + 2);
        if (end < 0) throw FAIL;
        for (let i = pos + 2; i < end; i++) {
          const d = src.charCodeAt(i);
          if (d === 10 || d === 13 || d === 0x2028 || d === 0x2029) {
            nl = true;
            break;
          }
        }
        pos = end + 2;
      } else break;
    } else if (c === 0x2028 || c === 0x2029) {
      nl = true;
      pos++;
    } else throw BAIL;
  }
  tokStart = pos;
  const kind = CHAR_CLASS[c];
  if (kind === C_ID) {
    const end = identifierEnd(pos + 1);
    tv = src.slice(pos, end);
    pos = end;
    tk = NAME;
    return;
  }
  const single = SINGLE[c];
  if (single !== undefined) {
    tk = PUNCT;
    tv = single;
    pos++;
    return;
  }
  if (kind === C_DIGIT || (c === 46 && isDigit(src.charCodeAt(pos + 1)))) {
    scanNumber();
    return;
  }
  switch (c) {
    case 34: // "
    case 39: // '
      scanString(c);
      return;
    case 96: // `
      pos++;
      tk = scanTemplate() ? TPL_HEAD : TPL;
      return;
    case 35: {
      // #private
      if (!isIdentifierStart(src.charCodeAt(pos + 1))) throw BAIL;
      const end = identifierEnd(pos + 2);
      tv = src.slice(pos, end);
      pos = end;
      tk = PRIVATE;
      return;
    }
    case 64: // @: decorators
    case 92: // \: escaped identifiers
      throw BAIL;
  }
  tk = PUNCT;
  tv = punctuator(c);
  pos += tv.length;
}

/** The punctuator at `pos` (longest match; `>` alone: the parser joins `>>`, `>=`, …). */
function punctuator(c: number): string {
  const c1 = src.charCodeAt(pos + 1);
  const c2 = src.charCodeAt(pos + 2);
  switch (c) {
    case 123:
      return '{';
    case 125:
      return '}';
    case 40:
      return '(';
    case 41:
      return ')';
    case 91:
      return '[';
    case 93:
      return ']';
    case 59:
      return ';';
    case 44:
      return ',';
    case 126:
      return '~';
    case 58:
      return ':';
    case 62:
      return '>';
    case 46:
      return c1 === 46 && c2 === 46 ? '...' : '.';
    case 63:
      if (c1 === 63) return c2 === 61 ? '??=' : '??';
      if (c1 === 46 && !isDigit(c2)) return '?.';
      return '?';
    case 61:
      if (c1 === 61) return c2 === 61 ? '===' : '==';
      return c1 === 62 ? '=>' : '=';
    case 33:
      if (c1 === 61) return c2 === 61 ? '!==' : '!=';
      return '!';
    case 60:
      if (c1 === 60) return c2 === 61 ? '<<=' : '<<';
      return c1 === 61 ? '<=' : '<';
    case 43:
      return c1 === 43 ? '++' : c1 === 61 ? '+=' : '+';
    case 45:
      return c1 === 45 ? '--' : c1 === 61 ? '-=' : '-';
    case 42:
      if (c1 === 42) return c2 === 61 ? '**=' : '**';
      return c1 === 61 ? '*=' : '*';
    case 47:
      return c1 === 61 ? '/=' : '/';
    case 37:
      return c1 === 61 ? '%=' : '%';
    case 38:
      if (c1 === 38) return c2 === 61 ? '&&=' : '&&';
      return c1 === 61 ? '&=' : '&';
    case 124:
      if (c1 === 124) return c2 === 61 ? '||=' : '||';
      return c1 === 61 ? '|=' : '|';
    case 94:
      return c1 === 61 ? '^=' : '^';
  }
  throw BAIL;
}

/** Digits of a base, with `_` only between two digits; at least one digit. */
function scanDigits(isDigitOf: (c: number) => boolean): void {
  if (!isDigitOf(src.charCodeAt(pos))) throw BAIL;
  pos++;
  for (;;) {
    const c = src.charCodeAt(pos);
    if (isDigitOf(c)) pos++;
    else if (c === 95 && isDigitOf(src.charCodeAt(pos + 1))) pos += 2;
    else return;
  }
}

function scanNumber(): void {
  const c = src.charCodeAt(pos);
  const c1 = src.charCodeAt(pos + 1);
  let integer = true;
  if (c === 48 && (c1 === 120 || c1 === 88)) {
    pos += 2;
    scanDigits(isHex);
  } else if (c === 48 && (c1 === 111 || c1 === 79)) {
    pos += 2;
    scanDigits((d) => d >= 48 && d <= 55);
  } else if (c === 48 && (c1 === 98 || c1 === 66)) {
    pos += 2;
    scanDigits((d) => d === 48 || d === 49);
  } else {
    // A leading 0 followed by a digit or `_` is a legacy octal or an error.
    if (c === 48 && (isDigit(c1) || c1 === 95)) throw BAIL;
    if (c !== 46) scanDigits(isDigit);
    if (src.charCodeAt(pos) === 46) {
      integer = false;
      pos++;
      if (isDigit(src.charCodeAt(pos))) scanDigits(isDigit);
      else if (src.charCodeAt(pos) === 95) throw BAIL;
    }
    const e = src.charCodeAt(pos);
    if (e === 101 || e === 69) {
      integer = false;
      pos++;
      const sign = src.charCodeAt(pos);
      if (sign === 43 || sign === 45) pos++;
      scanDigits(isDigit);
    }
  }
  if (src.charCodeAt(pos) === 110) {
    if (!integer) throw BAIL;
    pos++;
  }
  const after = src.charCodeAt(pos);
  if (isIdentifierPart(after) || after >= 128 || after === 92) throw BAIL;
  tk = NUM;
}

/** After a backslash at `pos - 1`: a valid escape, or BAIL. */
function scanEscape(): void {
  const c = src.charCodeAt(pos);
  if (pos >= src.length) throw FAIL;
  if (c === 48) {
    pos++;
    if (isDigit(src.charCodeAt(pos))) throw BAIL;
    return;
  }
  if (c >= 49 && c <= 57) throw BAIL;
  if (c === 120) {
    if (!isHex(src.charCodeAt(pos + 1)) || !isHex(src.charCodeAt(pos + 2))) throw BAIL;
    pos += 3;
    return;
  }
  if (c === 117) {
    if (src.charCodeAt(pos + 1) === 123) {
      let end = pos + 2;
      while (isHex(src.charCodeAt(end))) end++;
      if (end === pos + 2 || src.charCodeAt(end) !== 125) throw BAIL;
      if (parseInt(src.slice(pos + 2, end), 16) > 0x10ffff) throw BAIL;
      pos = end + 1;
      return;
    }
    for (let i = 1; i <= 4; i++) if (!isHex(src.charCodeAt(pos + i))) throw BAIL;
    pos += 5;
    return;
  }
  if (c === 13 && src.charCodeAt(pos + 1) === 10) {
    pos += 2;
    return;
  }
  // Any other character: itself (`\'`, `\n`, `\d`, a line continuation).
  pos++;
}

function scanString(quote: number): void {
  pos++;
  for (;;) {
    if (pos >= src.length) throw FAIL;
    const c = src.charCodeAt(pos);
    if (c === quote) {
      pos++;
      tk = STR;
      return;
    }
    if (c === 10 || c === 13) throw FAIL;
    pos++;
    if (c === 92) scanEscape();
  }
}

/** Scans template characters from `pos` to the closing backtick (false) or a `${` (true). */
function scanTemplate(): boolean {
  for (;;) {
    if (pos >= src.length) throw FAIL;
    const c = src.charCodeAt(pos);
    if (c === 96) {
      pos++;
      return false;
    }
    if (c === 36 && src.charCodeAt(pos + 1) === 123) {
      pos += 2;
      return true;
    }
    pos++;
    if (c === 92) scanEscape();
  }
}

/** At the `}` that closes a substitution: the template goes on after it. */
function templateContinuation(): void {
  if (tk !== PUNCT || tv !== '}') throw FAIL;
  ahead.valid = false;
  pos = tokStart + 1;
  tk = scanTemplate() ? TPL_MIDDLE : TPL_TAIL;
  nl = false;
}

/** `>` and what follows it without a space, as TypeScript re-scans it in an expression. */
function rescanGreater(): void {
  if (tk !== PUNCT || tv !== '>') return;
  ahead.valid = false;
  const c = src.charCodeAt(pos);
  if (c === 62) {
    const c1 = src.charCodeAt(pos + 1);
    if (c1 === 62) {
      if (src.charCodeAt(pos + 2) === 61) {
        tv = '>>>=';
        pos += 3;
      } else {
        tv = '>>>';
        pos += 2;
      }
    } else if (c1 === 61) {
      tv = '>>=';
      pos += 2;
    } else {
      tv = '>>';
      pos += 1;
    }
  } else if (c === 61) {
    tv = '>=';
    pos += 1;
  }
}

interface Saved {
  pos: number;
  tk: number;
  tv: string;
  tokStart: number;
  nl: boolean;
  callsTestApi: boolean;
  tests: number;
  asserting: number;
  assertions: number;
  prevEnd: number;
  callCount: number;
}

function save(): Saved {
  return {
    pos,
    tk,
    tv,
    tokStart,
    nl,
    callsTestApi,
    tests,
    asserting,
    assertions,
    prevEnd,
    callCount: calls.length,
  };
}

function restore(saved: Saved): void {
  ({ pos, tk, tv, tokStart, nl, callsTestApi, tests, asserting, assertions, prevEnd } = saved);
  // The calls of an alternative given up are not the code's.
  calls.length = saved.callCount;
  ahead.valid = false;
}

/** The token after the current one, without moving. */
/** The token after the current one, scanned once: next() takes it from here. */
const ahead = { valid: false, tk: EOF, tv: '', tokStart: 0, end: 0, nl: false };

/** The token after the current one, without moving (the same object each time). */
function peek(): typeof ahead {
  if (ahead.valid) return ahead;
  const savedPos = pos;
  const savedTk = tk;
  const savedTv = tv;
  const savedStart = tokStart;
  const savedNl = nl;
  scan();
  ahead.tk = tk;
  ahead.tv = tv;
  ahead.tokStart = tokStart;
  ahead.end = pos;
  ahead.nl = nl;
  ahead.valid = true;
  pos = savedPos;
  tk = savedTk;
  tv = savedTv;
  tokStart = savedStart;
  nl = savedNl;
  return ahead;
}

// ---------------------------------------------------------------------------------------------
// Helpers

function is(punct: string): boolean {
  return tk === PUNCT && tv === punct;
}
/** The current token's kind (a call: TypeScript would keep a comparison's narrowing across next()). */
function at(kind: number): boolean {
  return tk === kind;
}
function isName(name: string): boolean {
  return tk === NAME && tv === name;
}
function expect(punct: string): void {
  if (tk !== PUNCT || tv !== punct) throw FAIL;
  next();
}
function optional(punct: string): boolean {
  if (tk === PUNCT && tv === punct) {
    next();
    return true;
  }
  return false;
}

/** TypeScript's `parseSemicolon`: a `;`, or before `}`, the end, or a line break. */
function semicolon(): void {
  if (is(';')) next();
  else if (!(is('}') || tk === EOF || nl)) throw FAIL;
}

/** A name that may be bound or referred to: not reserved, not a word with a special role. */
function bindingName(): void {
  if (tk !== NAME || RESERVED.has(tv)) throw FAIL;
  // In an async function `await` is no name at all (`(await x)` is no arrow's parameter).
  if (tv === 'await' && inAsync) throw FAIL;
  if (NOT_A_BINDING.has(tv)) throw BAIL;
  next();
}

/** A property name: any name or keyword, a string or a number. */
function isLiteralPropertyName(): boolean {
  return tk === NAME || tk === STR || tk === NUM;
}

/** TypeScript's `isStartOfType` for the current token (`(` and `-` looked at as it does). */
function startsType(): boolean {
  if (tk === NAME) return !RESERVED.has(tv) || STARTS_TYPE_WORD.has(tv);
  if (tk === STR || tk === NUM || tk === TPL || tk === TPL_HEAD) return true;
  if (tk !== PUNCT) return false;
  if (STARTS_TYPE_PUNCT.has(tv)) return true;
  if (tv === '-' || tv === '(') throw BAIL;
  return false;
}

// ---------------------------------------------------------------------------------------------
// Statements

function statement(): void {
  depthOfStatements++;
  try {
    statementWorker();
  } finally {
    depthOfStatements--;
  }
}

function statementWorker(): void {
  if (tk === PUNCT) {
    if (tv === ';') return next();
    if (tv === '{') return block();
    return expressionStatement();
  }
  if (tk !== NAME) return expressionStatement();
  const topLevel = depthOfStatements === 1 && !inFunction;
  switch (tv) {
    case 'var':
    case 'const': {
      const ahead = peek();
      if (tv === 'const' && ahead.tk === NAME && ahead.tv === 'enum') {
        next();
        return enumDeclaration();
      }
      next();
      variableDeclarations(false);
      return semicolon();
    }
    case 'let': {
      const ahead = peek();
      if (ahead.tk === NAME || (ahead.tk === PUNCT && (ahead.tv === '[' || ahead.tv === '{'))) {
        next();
        variableDeclarations(false);
        return semicolon();
      }
      throw BAIL;
    }
    case 'function':
      return functionDeclaration(false);
    case 'async': {
      const ahead = peek();
      if (ahead.tk === NAME && ahead.tv === 'function' && !ahead.nl) {
        next();
        return functionDeclaration(true);
      }
      return expressionStatement();
    }
    case 'class':
      next();
      return classDeclaration();
    case 'abstract': {
      const ahead = peek();
      if (ahead.tk === NAME && ahead.tv === 'class' && !ahead.nl) {
        next();
        next();
        return classDeclaration();
      }
      return expressionStatement();
    }
    case 'interface':
    case 'type': {
      const ahead = peek();
      if (ahead.tk === NAME && !ahead.nl) {
        if (tv === 'interface') return interfaceDeclaration();
        return typeAliasDeclaration();
      }
      throw BAIL;
    }
    case 'enum':
      return enumDeclaration();
    case 'if':
      next();
      parenthesizedExpression();
      statement();
      if (isName('else')) {
        next();
        statement();
      }
      return;
    case 'for':
      return forStatement();
    case 'while':
      next();
      parenthesizedExpression();
      return statement();
    case 'do':
      next();
      statement();
      if (!isName('while')) throw FAIL;
      next();
      parenthesizedExpression();
      optional(';');
      return;
    case 'return':
      next();
      if (!(is(';') || is('}') || at(EOF) || nl)) expression(false);
      return semicolon();
    case 'throw':
      next();
      if (nl) throw BAIL;
      expression(false);
      return semicolon();
    case 'break':
    case 'continue':
      next();
      if (!(is(';') || is('}') || at(EOF) || nl)) throw BAIL;
      return semicolon();
    case 'try':
      return tryStatement();
    case 'switch':
      return switchStatement();
    case 'debugger':
      next();
      return semicolon();
    case 'import': {
      const ahead = peek();
      if (ahead.tk === PUNCT && (ahead.tv === '(' || ahead.tv === '.'))
        return expressionStatement();
      if (!topLevel) throw BAIL;
      return importDeclaration();
    }
    case 'export':
      if (!topLevel) throw BAIL;
      return exportDeclaration();
    case 'declare':
    case 'namespace':
    case 'module':
    case 'global':
    case 'using':
    case 'with':
    case 'yield':
    case 'await':
      if (tv === 'await' && inAsync) return expressionStatement();
      throw BAIL;
  }
  // A label: `name:`.
  if (!RESERVED.has(tv)) {
    const ahead = peek();
    if (ahead.tk === PUNCT && ahead.tv === ':') throw BAIL;
  }
  return expressionStatement();
}

function expressionStatement(): void {
  if (tk === NAME && (tv === 'function' || tv === 'class')) throw FAIL;
  expression(false);
  semicolon();
}

function block(): void {
  expect('{');
  while (!is('}')) {
    if (tk === EOF) throw FAIL;
    statement();
  }
  next();
}

function parenthesizedExpression(): void {
  expect('(');
  expression(false);
  expect(')');
}

function variableDeclarations(noIn: boolean): void {
  for (;;) {
    bindingTarget();
    if (is('!')) throw BAIL;
    if (optional(':')) type();
    if (optional('=')) assignment(noIn);
    if (!optional(',')) return;
  }
}

function forStatement(): void {
  next();
  if (isName('await')) throw BAIL;
  expect('(');
  if (tk === NAME && (tv === 'var' || tv === 'const' || tv === 'let')) {
    const ahead = peek();
    if (tv === 'let' && ahead.tk === NAME && ahead.tv === 'of') throw BAIL;
    next();
    bindingTarget();
    if ((isName('of') || isName('in')) && !is(':')) {
      const of = isName('of');
      next();
      if (of) assignment(false);
      else expression(false);
      expect(')');
      return statement();
    }
    if (is('!')) throw BAIL;
    if (optional(':')) type();
    if (optional('=')) assignment(true);
    if (optional(',')) variableDeclarations(true);
  } else if (!is(';')) {
    throw BAIL;
  }
  expect(';');
  if (!is(';')) expression(false);
  expect(';');
  if (!is(')')) expression(false);
  expect(')');
  statement();
}

function tryStatement(): void {
  next();
  block();
  let handled = false;
  if (isName('catch')) {
    handled = true;
    next();
    if (optional('(')) {
      bindingTarget();
      if (optional(':')) type();
      expect(')');
    }
    block();
  }
  if (isName('finally')) {
    handled = true;
    next();
    block();
  }
  if (!handled) throw FAIL;
}

function switchStatement(): void {
  next();
  parenthesizedExpression();
  expect('{');
  while (!is('}')) {
    if (isName('case')) {
      next();
      expression(false);
    } else if (isName('default')) next();
    else throw FAIL;
    expect(':');
    while (!is('}') && !isName('case') && !isName('default')) {
      if (tk === EOF) throw FAIL;
      statement();
    }
  }
  next();
}

// ---------------------------------------------------------------------------------------------
// Declarations

function functionDeclaration(isAsync: boolean): void {
  next(); // function
  const generator = optional('*');
  bindingName();
  functionRest(isAsync, generator);
}

/** Type parameters, parameters, return type and body of a function (the body required). */
function functionRest(isAsync: boolean, generator: boolean): void {
  if (is('<')) typeParameters();
  const outerAsync = inAsync;
  const outerFunction = inFunction;
  inAsync = isAsync;
  inFunction = true;
  if (generator) throw BAIL;
  parameters();
  if (optional(':')) returnType();
  functionBody();
  inAsync = outerAsync;
  inFunction = outerFunction;
}

function functionBody(): void {
  const start = tokStart;
  const outerConditional = inConditionalTrue;
  inConditionalTrue = false;
  const outerDepth = depthOfStatements;
  depthOfStatements = 0;
  block();
  depthOfStatements = outerDepth;
  inConditionalTrue = outerConditional;
  bodyStart = start;
  bodyEnd = prevEnd;
}

function parameters(): void {
  expect('(');
  while (!is(')')) {
    if (is('...')) {
      next();
      bindingTarget();
      if (optional(':')) type();
      if (!is(')')) throw BAIL;
      break;
    }
    if (tk === NAME && PARAMETER_MODIFIERS.has(tv)) {
      const ahead = peek();
      if (
        !ahead.nl &&
        (ahead.tk === NAME || (ahead.tk === PUNCT && (ahead.tv === '{' || ahead.tv === '[')))
      ) {
        next();
        while (tk === NAME && PARAMETER_MODIFIERS.has(tv)) {
          const again = peek();
          if (again.nl || again.tk !== NAME) break;
          next();
        }
      }
    }
    if (isName('this')) throw BAIL;
    bindingTarget();
    optional('?');
    if (optional(':')) type();
    if (optional('=')) assignment(false);
    if (!is(')')) expect(',');
  }
  next();
}

/** An identifier, or an object or array binding pattern. */
function bindingTarget(): void {
  if (is('{')) return objectBindingPattern();
  if (is('[')) return arrayBindingPattern();
  bindingName();
}

function objectBindingPattern(): void {
  next();
  while (!is('}')) {
    if (is('...')) {
      next();
      bindingName();
      if (!is('}')) throw BAIL;
      break;
    }
    if (is('[')) throw BAIL;
    if (!isLiteralPropertyName()) throw FAIL;
    const shorthand = tk === NAME;
    const name = tv;
    next();
    if (optional(':')) bindingTarget();
    else if (!shorthand || RESERVED.has(name)) throw FAIL;
    else if (NOT_A_BINDING.has(name)) throw BAIL;
    if (optional('=')) assignment(false);
    if (!is('}')) expect(',');
  }
  next();
}

function arrayBindingPattern(): void {
  next();
  while (!is(']')) {
    if (optional(',')) continue;
    if (is('...')) {
      next();
      bindingTarget();
      if (!is(']')) throw BAIL;
      break;
    }
    bindingTarget();
    if (optional('=')) assignment(false);
    if (!is(']')) expect(',');
  }
  next();
}

function classDeclaration(): void {
  bindingName();
  if (is('<')) typeParameters();
  if (isName('extends')) {
    next();
    entityName();
    if (is('<')) typeArguments();
  }
  if (isName('implements')) {
    next();
    for (;;) {
      entityName();
      if (is('<')) typeArguments();
      if (!optional(',')) break;
    }
  }
  classBody();
}

function classBody(): void {
  expect('{');
  while (!is('}')) {
    if (tk === EOF) throw FAIL;
    if (optional(';')) continue;
    classMember();
  }
  next();
}

/** Whether the token after a modifier makes it a modifier: a name on the same line. */
function modifierApplies(): boolean {
  const ahead = peek();
  if (ahead.nl) {
    throw BAIL;
  }
  return (
    ahead.tk === NAME ||
    ahead.tk === STR ||
    ahead.tk === NUM ||
    ahead.tk === PRIVATE ||
    (ahead.tk === PUNCT && (ahead.tv === '[' || ahead.tv === '*' || ahead.tv === '{'))
  );
}

function classMember(): void {
  let isAsync = false;
  while (tk === NAME && (CLASS_MODIFIERS.has(tv) || tv === 'declare' || tv === 'accessor')) {
    if (!modifierApplies()) break;
    if (tv === 'declare' || tv === 'accessor') throw BAIL;
    if (tv === 'async') isAsync = true;
    next();
    if (is('{')) throw BAIL; // a static block
  }
  if (tk === NAME && (tv === 'get' || tv === 'set')) {
    const ahead = peek();
    if (
      ahead.tk === NAME ||
      ahead.tk === STR ||
      ahead.tk === NUM ||
      ahead.tk === PRIVATE ||
      (ahead.tk === PUNCT && ahead.tv === '[')
    ) {
      if (isAsync) throw BAIL;
      next();
      propertyName(true);
      return methodRest(false, true);
    }
  }
  const generator = optional('*');
  if (generator) throw BAIL;
  if (is('[')) {
    // An index signature `[key: T]: U`, or a computed name.
    const saved = save();
    next();
    if (tk === NAME) {
      next();
      if (is(':')) {
        restore(saved);
        return indexSignature(true);
      }
    }
    restore(saved);
  }
  propertyName(true);
  if (is('?') || is('!')) next();
  if (is('(') || is('<')) return methodRest(isAsync, true);
  if (isAsync) throw FAIL;
  if (optional(':')) type();
  if (optional('=')) {
    const outerFunction = inFunction;
    inFunction = true;
    assignment(false);
    inFunction = outerFunction;
  }
  semicolon();
}

/** A method's type parameters, parameters, return type and body (or none, for an overload). */
function methodRest(isAsync: boolean, mayOmitBody: boolean): void {
  if (is('<')) typeParameters();
  const outerAsync = inAsync;
  const outerFunction = inFunction;
  inAsync = isAsync;
  inFunction = true;
  parameters();
  if (optional(':')) returnType();
  if (is('{')) functionBody();
  else if (mayOmitBody) semicolon();
  else throw FAIL;
  inAsync = outerAsync;
  inFunction = outerFunction;
}

/** A property name of a class member or an object literal; `[expr]` computed. */
function propertyName(allowPrivate: boolean): void {
  if (tk === NAME || tk === STR || tk === NUM) return next();
  if (tk === PRIVATE) {
    if (!allowPrivate) throw FAIL;
    return next();
  }
  if (is('[')) {
    next();
    assignment(false);
    expect(']');
    return;
  }
  throw FAIL;
}

function indexSignature(required: boolean): void {
  expect('[');
  bindingName();
  expect(':');
  type();
  expect(']');
  if (optional(':')) type();
  else if (required) throw BAIL;
  typeMemberSeparator();
}

function interfaceDeclaration(): void {
  next();
  bindingName();
  if (is('<')) typeParameters();
  if (isName('extends')) {
    next();
    for (;;) {
      entityName();
      if (is('<')) typeArguments();
      if (!optional(',')) break;
    }
  }
  typeMembers();
}

function typeAliasDeclaration(): void {
  next();
  bindingName();
  if (is('<')) typeParameters();
  expect('=');
  type();
  semicolon();
}

function enumDeclaration(): void {
  next(); // enum
  bindingName();
  expect('{');
  while (!is('}')) {
    if (tk === NAME || tk === STR) next();
    else throw BAIL;
    if (optional('=')) assignment(false);
    if (!is('}')) expect(',');
  }
  next();
}

function importDeclaration(): void {
  next(); // import
  if (tk === STR) {
    next();
    return importEnd();
  }
  if (isName('type')) {
    const ahead = peek();
    if (ahead.tk === NAME && ahead.tv === 'from') {
      // `import type from '…'`: a default import named `type`.
    } else if (
      ahead.tk === NAME ||
      (ahead.tk === PUNCT && (ahead.tv === '{' || ahead.tv === '*'))
    ) {
      next();
    }
  }
  let clause = false;
  if (tk === NAME && tv !== 'from') {
    bindingName();
    clause = true;
    if (is('=')) throw BAIL; // import x = require(…)
    if (!optional(',')) return fromClause();
  } else if (isName('from')) {
    const ahead = peek();
    if (!(ahead.tk === NAME && ahead.tv === 'from')) throw BAIL;
    next();
    if (!optional(',')) return fromClause();
  }
  if (is('*')) {
    next();
    if (!isName('as')) throw FAIL;
    next();
    bindingName();
  } else if (is('{')) {
    namedBindings(true);
  } else if (!clause) throw FAIL;
  fromClause();
}

function namedBindings(importing: boolean): void {
  next(); // {
  while (!is('}')) {
    if (isName('type')) {
      const ahead = peek();
      if (ahead.tk === NAME && !(ahead.tv === 'as')) next();
    }
    if (tk !== NAME) throw BAIL;
    const name = tv;
    next();
    if (isName('as')) {
      next();
      if (importing) bindingName();
      else if (tk === NAME) next();
      else throw BAIL;
    } else if (importing && (RESERVED.has(name) || NOT_A_BINDING.has(name))) throw BAIL;
    if (!is('}')) expect(',');
  }
  next();
}

function fromClause(): void {
  if (!isName('from')) throw FAIL;
  next();
  if (tk !== STR) throw FAIL;
  next();
  importEnd();
}

function importEnd(): void {
  if ((isName('with') || isName('assert')) && !nl) throw BAIL;
  semicolon();
}

function exportDeclaration(): void {
  next(); // export
  if (tk === PUNCT) {
    if (tv === '*') {
      next();
      if (isName('as')) {
        next();
        if (!at(NAME)) throw BAIL;
        next();
      }
      return fromClause();
    }
    if (tv === '{') {
      namedBindings(false);
      if (isName('from')) return fromClause();
      return semicolon();
    }
    throw BAIL;
  }
  if (tk !== NAME) throw FAIL;
  switch (tv) {
    case 'default': {
      next();
      if (isName('function')) return functionDeclarationMaybeAnonymous(false);
      if (isName('async')) {
        const ahead = peek();
        if (ahead.tk === NAME && ahead.tv === 'function' && !ahead.nl) {
          next();
          return functionDeclarationMaybeAnonymous(true);
        }
      }
      if (isName('class') || isName('abstract') || isName('interface')) throw BAIL;
      assignment(false);
      return semicolon();
    }
    case 'type': {
      const ahead = peek();
      if (ahead.tk === PUNCT && ahead.tv === '{') {
        next();
        namedBindings(false);
        if (isName('from')) return fromClause();
        return semicolon();
      }
      break;
    }
    case 'import':
    case 'declare':
    case 'as':
    case 'namespace':
    case 'module':
      throw BAIL;
  }
  if (
    [
      'const',
      'var',
      'let',
      'function',
      'async',
      'class',
      'abstract',
      'interface',
      'type',
      'enum',
    ].includes(tv)
  ) {
    return statementWorker();
  }
  throw FAIL;
}

function functionDeclarationMaybeAnonymous(isAsync: boolean): void {
  next(); // function
  const generator = optional('*');
  if (tk === NAME && !is('(')) bindingName();
  functionRest(isAsync, generator);
}

// ---------------------------------------------------------------------------------------------
// Expressions

/** Expression, with the comma operator. */
function expression(noIn: boolean): void {
  assignment(noIn);
  while (optional(',')) assignment(noIn);
}

/** An assignment expression: arrow functions, conditionals, assignments. Returns its shape. */
function assignment(noIn: boolean): number {
  if (tk === NAME) {
    if (tv === 'async') {
      const arrow = tryAsyncArrow(noIn);
      if (arrow) return FUNCTION;
    } else if (tv === 'yield') throw BAIL;
    else if (!RESERVED.has(tv)) {
      const ahead = peek();
      if (ahead.tk === PUNCT && ahead.tv === '=>') {
        if (ahead.nl) throw BAIL;
        if (NOT_A_BINDING.has(tv)) throw BAIL;
        next();
        next();
        arrowBody(false, noIn);
        return FUNCTION;
      }
    }
  } else if (tk === PUNCT) {
    if (tv === '(') {
      const saved = save();
      try {
        arrowParametersAndReturnType();
        arrowBody(false, noIn);
        return FUNCTION;
      } catch (error) {
        if (error !== FAIL) throw error;
        restore(saved);
      }
    } else if (tv === '<') throw BAIL; // a generic arrow function or a type assertion
  }
  const shape = conditional(noIn);
  if (shape === LHS && tk === PUNCT) {
    rescanGreater();
    if (ASSIGNMENT.has(tv)) {
      next();
      assignment(noIn);
      return OTHER;
    }
    if (tv === '**=') throw BAIL;
  }
  return shape;
}

/** `async x => …` or `async (…) => …`; false (and nothing consumed) when `async` is a name. */
function tryAsyncArrow(noIn: boolean): boolean {
  const saved = save();
  next();
  if (nl) {
    restore(saved);
    return false;
  }
  try {
    if (tk === NAME) {
      bindingName();
      if (!is('=>') || nl) throw FAIL;
      next();
    } else if (is('(')) {
      arrowParametersAndReturnType();
    } else throw FAIL;
    arrowBody(true, noIn);
    return true;
  } catch (error) {
    if (error !== FAIL) throw error;
    restore(saved);
    return false;
  }
}

/** `(parameters) [: type] =>`, ending on the token after `=>`. */
function arrowParametersAndReturnType(): void {
  parameters();
  if (is(':')) {
    if (inConditionalTrue) throw BAIL;
    next();
    returnType();
  }
  if (!is('=>') || nl) throw FAIL;
  next();
}

function arrowBody(isAsync: boolean, noIn: boolean): void {
  const outerAsync = inAsync;
  const outerFunction = inFunction;
  inAsync = isAsync;
  inFunction = true;
  if (is('{')) functionBody();
  else {
    const start = tokStart;
    const outerConditional = inConditionalTrue;
    inConditionalTrue = false;
    assignment(noIn);
    inConditionalTrue = outerConditional;
    bodyStart = start;
    bodyEnd = prevEnd;
  }
  inAsync = outerAsync;
  inFunction = outerFunction;
}

function conditional(noIn: boolean): number {
  const shape = binary(noIn);
  if (!is('?')) return shape;
  next();
  const outer = inConditionalTrue;
  inConditionalTrue = true;
  assignment(false);
  inConditionalTrue = outer;
  expect(':');
  assignment(noIn);
  return OTHER;
}

/**
 * Unary expressions joined by binary operators, `as` and `satisfies`. Precedence does not change
 * which token sequences parse, nor the calls they hold, so it is not modelled.
 */
function binary(noIn: boolean): number {
  let shape = unary();
  for (;;) {
    if (tk === PUNCT) {
      rescanGreater();
      if (tv === '**') throw BAIL;
      if (!BINARY.has(tv)) return shape;
      next();
    } else if (tk === NAME) {
      if (tv === 'instanceof' || (tv === 'in' && !noIn)) next();
      else if ((tv === 'as' || tv === 'satisfies') && !nl) {
        next();
        if (isName('const')) {
          next();
          // `as const` is a type reference named const.
        } else type();
        shape = OTHER;
        continue;
      } else return shape;
    } else return shape;
    unary();
    shape = OTHER;
  }
}

function unary(): number {
  if (tk === PUNCT) {
    switch (tv) {
      case '!':
      case '~':
      case '+':
      case '-':
        next();
        unary();
        return OTHER;
      case '++':
      case '--':
        next();
        leftHandSide();
        return OTHER;
      case '<':
        throw BAIL;
    }
  } else if (tk === NAME) {
    switch (tv) {
      case 'typeof':
      case 'void':
      case 'delete':
        next();
        unary();
        return OTHER;
      case 'await':
        if (!inAsync) throw BAIL;
        next();
        unary();
        return OTHER;
    }
  }
  const shape = leftHandSide();
  if (tk === PUNCT && (tv === '++' || tv === '--') && !nl) {
    next();
    return OTHER;
  }
  return shape;
}

/**
 * A left-hand-side expression: a primary expression and its members, calls, `!` and templates,
 * or `new`. Counts the calls that are tests and assertions, and leaves the callee chain of the
 * whole expression in chainRoot.
 */
function leftHandSide(): number {
  const start = tokStart;
  let root = '';
  let names = NO_NAMES;
  let notRun = false;
  let isFunction = false;
  let optionalChain = false;
  if (isName('new')) {
    newExpression();
  } else if (isName('super')) {
    next();
    if (!(is('(') || is('.') || is('['))) throw FAIL;
  } else if (isName('import')) {
    next();
    if (is('.')) {
      next();
      if (!isName('meta')) throw FAIL;
      next();
    } else if (!is('(')) throw FAIL;
  } else {
    const primary = primaryExpression();
    if (primary === FUNCTION) isFunction = true;
    else if (primary === 1 + FUNCTION) {
      root = chainRoot;
      notRun = NOT_RUN.has(root);
      if (recording) names = [root];
    }
  }
  for (;;) {
    if (tk === PUNCT) {
      if (tv === '.' || tv === '?.') {
        const questionDot = tv === '?.';
        if (questionDot) optionalChain = true;
        next();
        if (at(NAME) || at(PRIVATE)) {
          const name = tv; // `#x` as TypeScript names it
          if (root === '') root = name;
          if (NOT_RUN.has(name)) notRun = true;
          if (recording) names = [...names, name];
          next();
        } else if (questionDot && is('[')) {
          next();
          expression(false);
          expect(']');
          root = '';
          names = NO_NAMES;
          notRun = false;
        } else if (questionDot && is('(')) {
          call(root, notRun, start, names);
        } else if (is('<')) throw BAIL;
        else throw FAIL;
      } else if (tv === '[') {
        next();
        expression(false);
        expect(']');
        root = '';
        names = NO_NAMES;
        notRun = false;
      } else if (tv === '(') {
        call(root, notRun, start, names);
      } else if (tv === '!' && !nl) {
        next();
        root = '';
        names = NO_NAMES;
        notRun = false;
      } else if (tv === '<') {
        if (!typeArgumentsOfCall()) break;
        if (!is('(')) throw BAIL;
        call(root, notRun, start, names);
      } else break;
    } else if (tk === TPL || tk === TPL_HEAD) {
      if (optionalChain) throw BAIL;
      template();
      // The census's chain stops at a tagged template; testFile's goes through to the tag.
      root = '';
      notRun = false;
    } else break;
    isFunction = false;
  }
  chainRoot = root;
  return isFunction ? FUNCTION : LHS;
}

/**
 * At `<` after an expression: type arguments of a call (true, ending on the token after `>`,
 * which must then be `(`), or a comparison (false, nothing consumed). What TypeScript would read
 * differently (an instantiation expression, `a < b > c`) is TypeScript's to decide.
 */
function typeArgumentsOfCall(): boolean {
  const saved = save();
  next(); // <
  if (!startsType()) {
    restore(saved);
    return false;
  }
  try {
    for (;;) {
      type();
      if (!is(',')) break;
      next();
    }
  } catch (error) {
    // Not a type where TypeScript tries one: whether it recovers is its to say.
    throw error === FAIL ? BAIL : error;
  }
  if (!is('>')) {
    restore(saved);
    return false;
  }
  const c = src.charCodeAt(pos);
  if (c === 62 || c === 61) {
    // `>>` or `>=`: TypeScript compares.
    restore(saved);
    return false;
  }
  next();
  return true;
}

/**
 * `(arguments)`: counts the call in the census, and records it in test-file mode. `start` and
 * `names` are the callee's (undefined for `new`, which is no call expression).
 */
function call(
  root: string,
  notRun: boolean,
  start?: number,
  names: readonly string[] = NO_NAMES,
): void {
  next(); // (
  let functionAsserts = -1;
  let argumentCount = 0;
  let titleLiteral: string | undefined;
  let functionBody: { start: number; end: number } | undefined;
  while (!is(')')) {
    if (is('...')) {
      next();
      assignment(false);
    } else {
      const before = assertions;
      const first = tk;
      const firstStart = tokStart;
      const firstEnd = pos;
      const shape = assignment(false);
      if (shape === FUNCTION && functionAsserts < 0) functionAsserts = assertions > before ? 1 : 0;
      if (recording) {
        // A single token: the argument is that literal and nothing more.
        if (argumentCount === 0 && (first === STR || first === TPL) && prevEnd === firstEnd)
          titleLiteral = src.slice(firstStart, firstEnd);
        if (argumentCount > 0 && shape === FUNCTION && !functionBody)
          functionBody = { start: bodyStart, end: bodyEnd };
      }
    }
    argumentCount++;
    if (!is(')')) expect(',');
  }
  if (recording && start !== undefined) {
    calls.push({ start, end: pos, names, argumentCount, titleLiteral, functionBody });
  }
  next();
  if (root !== '') {
    if (TEST_API.has(root)) callsTestApi = true;
    if (TEST_FUNCTIONS.has(root) && !notRun && functionAsserts >= 0) {
      tests++;
      if (functionAsserts > 0) asserting++;
    }
    if (ASSERTION.test(root)) assertions++;
  }
}

/** `new X(…)`, `new X`, `new X<T>(…)`, `new.target`: not a call for the census. */
function newExpression(): void {
  next(); // new
  if (is('.')) {
    next();
    if (!isName('target')) throw FAIL;
    next();
    return;
  }
  if (isName('new')) newExpression();
  else if (isName('super') || isName('import')) throw BAIL;
  else primaryExpression();
  // Members, not calls: `new a.b.c(…)`.
  for (;;) {
    if (is('.')) {
      next();
      if (tk !== NAME && tk !== PRIVATE) throw FAIL;
      next();
    } else if (is('[')) {
      next();
      expression(false);
      expect(']');
    } else if (is('?.')) throw BAIL;
    else if (tk === TPL || tk === TPL_HEAD) throw BAIL;
    else break;
  }
  if (is('<')) {
    if (!typeArgumentsOfCall()) return;
    if (!is('(')) throw BAIL;
  }
  if (is('(')) call('', false);
}

/**
 * A primary expression. Returns FUNCTION for a function expression, 1 + FUNCTION for a name
 * (left in chainRoot), OTHER otherwise.
 */
function primaryExpression(): number {
  switch (tk) {
    case NUM:
    case STR:
    case TPL:
      next();
      return OTHER;
    case TPL_HEAD:
      template();
      return OTHER;
    case PRIVATE:
      throw BAIL;
    case NAME:
      switch (tv) {
        case 'this':
        case 'null':
        case 'true':
        case 'false':
          next();
          return OTHER;
        case 'function':
          functionExpression(false);
          return FUNCTION;
        case 'async': {
          const ahead = peek();
          if (ahead.tk === NAME && ahead.tv === 'function' && !ahead.nl) {
            next();
            functionExpression(true);
            return FUNCTION;
          }
          chainRoot = tv;
          next();
          return 1 + FUNCTION;
        }
        case 'class':
        case 'yield':
        case 'let':
          throw BAIL;
        case 'await':
          throw BAIL;
      }
      if (RESERVED.has(tv)) throw FAIL;
      chainRoot = tv;
      next();
      return 1 + FUNCTION;
    case PUNCT:
      switch (tv) {
        case '(': {
          next();
          const outer = inConditionalTrue;
          inConditionalTrue = false;
          expression(false);
          inConditionalTrue = outer;
          expect(')');
          return OTHER;
        }
        case '[':
          arrayLiteral();
          return OTHER;
        case '{':
          objectLiteral();
          return OTHER;
        case '/':
        case '/=':
          regularExpression();
          return OTHER;
        case '<':
          throw BAIL;
      }
  }
  throw FAIL;
}

/**
 * A regular expression literal, at the `/` the scanner read as a division. TypeScript checks a
 * regular expression's syntax as it parses; what is accepted here is the common subset it
 * certainly accepts (no `u`/`v` flag, no named groups, back-references, lookbehinds or
 * property escapes): anything else is TypeScript's to judge.
 */
function regularExpression(): void {
  ahead.valid = false;
  pos = tokStart + 1;
  disjunction(0);
  if (src.charCodeAt(pos) !== 47) throw BAIL;
  pos++;
  let flags = '';
  while (isIdentifierPart(src.charCodeAt(pos))) {
    const flag = src[pos];
    if (!'dgimsy'.includes(flag) || flags.includes(flag)) throw BAIL;
    flags += flag;
    pos++;
  }
  if (src.charCodeAt(pos) >= 128 || src.charCodeAt(pos) === 92) throw BAIL;
  next();
}

/** Characters with a meaning in a pattern: `^ $ \ . * + ? ( ) [ ] { } |` and `/`. */
const PATTERN_SYNTAX = '^$\\.*+?()[]{}|/';
/** Escapes that certainly mean something in a pattern without the `u` flag. */
const PATTERN_ESCAPES = 'dDwWsSnrtfv' + PATTERN_SYNTAX + '-';

function disjunction(depth: number): void {
  if (depth > 20) throw BAIL;
  for (;;) {
    const c = src.charCodeAt(pos);
    if (pos >= src.length || c === 10 || c === 13 || c === 0x2028 || c === 0x2029) throw BAIL;
    if (c === 47 /* / */ || c === 41 /* ) */) return;
    if (c === 124 /* | */) {
      pos++;
      continue;
    }
    if (c === 94 || c === 36) {
      // ^ $
      pos++;
      continue;
    }
    if (c === 92 && (src[pos + 1] === 'b' || src[pos + 1] === 'B')) {
      pos += 2;
      continue;
    }
    // An atom.
    if (c === 46) pos++;
    else if (c === 92) {
      patternEscape(false);
    } else if (c === 91) {
      characterClass();
    } else if (c === 40) {
      pos++;
      let lookahead = false;
      if (src[pos] === '?') {
        const kind = src[pos + 1];
        if (kind === ':') pos += 2;
        else if (kind === '=' || kind === '!') {
          pos += 2;
          lookahead = true;
        } else throw BAIL;
      }
      disjunction(depth + 1);
      if (src.charCodeAt(pos) !== 41) throw BAIL;
      pos++;
      if (lookahead) continue; // not quantified here
    } else if (PATTERN_SYNTAX.includes(src[pos])) throw BAIL;
    else pos++;
    quantifier();
  }
}

function quantifier(): void {
  const c = src[pos];
  if (c === '*' || c === '+' || c === '?') pos++;
  else if (c === '{') {
    const match = /^\{(\d{1,5})(,(\d{1,5})?)?\}/.exec(src.slice(pos, pos + 14));
    if (!match) throw BAIL;
    if (match[3] !== undefined && Number(match[3]) < Number(match[1])) throw BAIL;
    pos += match[0].length;
  } else return;
  if (src[pos] === '?') pos++;
  const after = src[pos];
  if (after === '*' || after === '+' || after === '?' || after === '{') throw BAIL;
}

/** `\x` in a pattern; in a class, `\b` is a backspace too. Returns false for a class escape. */
function patternEscape(inClass: boolean): boolean {
  const c = src[pos + 1];
  if (c === undefined) throw BAIL;
  if (PATTERN_ESCAPES.includes(c) || (inClass && c === 'b')) {
    pos += 2;
    return !'dDwWsS'.includes(c);
  }
  if (c === '0' && !isDigit(src.charCodeAt(pos + 2))) {
    pos += 2;
    return true;
  }
  if (c === 'x' && isHex(src.charCodeAt(pos + 2)) && isHex(src.charCodeAt(pos + 3))) {
    pos += 4;
    return true;
  }
  if (c === 'u') {
    for (let i = 2; i <= 5; i++) if (!isHex(src.charCodeAt(pos + i))) throw BAIL;
    pos += 6;
    return true;
  }
  throw BAIL;
}

function characterClass(): void {
  pos++; // [
  if (src[pos] === '^') pos++;
  let previous = -1; // the code of the last single character, for a range
  for (;;) {
    const c = src.charCodeAt(pos);
    if (pos >= src.length || c === 10 || c === 13 || c === 0x2028 || c === 0x2029) throw BAIL;
    if (c === 93) {
      pos++;
      return;
    }
    if (c === 45 && previous >= 0 && src[pos + 1] !== ']') {
      // A range: both ends single characters, in order.
      pos++;
      const start = pos;
      const to = src.charCodeAt(pos);
      if (to === 92 || to === 91) throw BAIL;
      pos++;
      if (to < previous || start === pos) throw BAIL;
      previous = -1;
      continue;
    }
    if (c === 92) {
      const start = pos;
      const single = patternEscape(true);
      previous =
        single && pos - start === 2 && !'nrtfv0b'.includes(src[start + 1])
          ? src.charCodeAt(start + 1)
          : -1;
      continue;
    }
    if (c === 91) throw BAIL; // `[` in a class: fine for JavaScript, but left to TypeScript
    previous = c;
    pos++;
  }
}

function functionExpression(isAsync: boolean): void {
  next(); // function
  const generator = optional('*');
  if (tk === NAME && !is('(')) bindingName();
  functionRest(isAsync, generator);
}

/** A template with substitutions, from its head to its tail. */
function template(): void {
  if (tk === TPL) return next();
  for (;;) {
    next(); // after the head or a middle
    const outer = inConditionalTrue;
    inConditionalTrue = false;
    expression(false);
    inConditionalTrue = outer;
    templateContinuation();
    if (tk === TPL_TAIL) return next();
  }
}

function arrayLiteral(): void {
  next(); // [
  while (!is(']')) {
    if (optional(',')) continue;
    optional('...');
    assignment(false);
    if (!is(']')) expect(',');
  }
  next();
}

function objectLiteral(): void {
  next(); // {
  const outer = inConditionalTrue;
  inConditionalTrue = false;
  while (!is('}')) {
    objectMember();
    if (!is('}')) expect(',');
  }
  inConditionalTrue = outer;
  next();
}

function objectMember(): void {
  if (is('...')) {
    next();
    assignment(false);
    return;
  }
  if (tk === NAME && (tv === 'get' || tv === 'set' || tv === 'async')) {
    const word = tv;
    const ahead = peek();
    const nameFollows =
      ahead.tk === NAME ||
      ahead.tk === STR ||
      ahead.tk === NUM ||
      (ahead.tk === PUNCT && (ahead.tv === '[' || (word === 'async' && ahead.tv === '*')));
    if (nameFollows) {
      if (word === 'async' && ahead.nl) throw BAIL;
      next();
      if (is('*')) throw BAIL;
      propertyName(false);
      return methodRest(word === 'async', false);
    }
  }
  if (is('*')) throw BAIL;
  const shorthandName = tk === NAME ? tv : undefined;
  propertyName(false);
  if (is('?') || is('!')) throw BAIL;
  if (is('(') || is('<')) return methodRest(false, false);
  if (optional(':')) {
    assignment(false);
    return;
  }
  // Shorthand `{ name }`: an identifier, without an initializer.
  if (shorthandName === undefined || RESERVED.has(shorthandName)) throw FAIL;
  if (NOT_A_BINDING.has(shorthandName) || is('=')) throw BAIL;
}

// ---------------------------------------------------------------------------------------------
// Types

function returnType(): void {
  if (isName('asserts')) throw BAIL;
  type();
  if (isName('is') && !nl) throw BAIL;
}

function type(): void {
  if (is('(')) {
    // A function type, or a parenthesized type.
    const saved = save();
    try {
      typeParameterList();
      expect('=>');
      returnType();
      return;
    } catch (error) {
      if (error !== FAIL) throw error;
      restore(saved);
    }
  } else if (is('<') || isName('new') || isName('abstract')) throw BAIL;
  unionType();
  if (isName('extends') && !nl) throw BAIL;
}

/** The parameters of a function type: `(a: T, b?: U, ...c: V[])`. */
function typeParameterList(): void {
  expect('(');
  while (!is(')')) {
    if (is('...')) {
      next();
      bindingTarget();
      if (optional(':')) type();
      if (!is(')')) throw BAIL;
      break;
    }
    if (isName('this')) throw BAIL;
    bindingTarget();
    optional('?');
    if (optional(':')) type();
    if (is('=')) throw BAIL;
    if (!is(')')) expect(',');
  }
  next();
}

function unionType(): void {
  optional('|');
  intersectionType();
  while (optional('|')) intersectionType();
}

function intersectionType(): void {
  optional('&');
  typeOperator();
  while (optional('&')) typeOperator();
}

/** Kind of the last type parsed, for `readonly`, which only goes with arrays and tuples. */
let lastTypeIsArray = false;

function typeOperator(): void {
  if (tk === NAME) {
    if (tv === 'keyof') {
      next();
      typeOperator();
      lastTypeIsArray = false;
      return;
    }
    if (tv === 'readonly') {
      next();
      typeOperator();
      if (!lastTypeIsArray) throw BAIL;
      return;
    }
    if (tv === 'unique' || tv === 'infer') throw BAIL;
  }
  postfixType();
}

function postfixType(): void {
  primaryType();
  while (!nl && tk === PUNCT) {
    if (tv === '[') {
      next();
      if (is(']')) {
        next();
      } else {
        type();
        expect(']');
      }
      lastTypeIsArray = true;
    } else if (tv === '?') {
      // TypeScript reads `T?` as a (JSDoc) type unless a type follows, as in `a as T ? b : c`.
      const saved = save();
      next();
      const typeFollows = startsType();
      restore(saved);
      if (!typeFollows) throw BAIL;
      return;
    } else if (tv === '!') throw BAIL;
    else return;
  }
}

function primaryType(): void {
  lastTypeIsArray = false;
  switch (tk) {
    case STR:
    case NUM:
      next();
      return;
    case TPL:
    case TPL_HEAD:
    case PRIVATE:
      throw BAIL;
    case NAME:
      if (TYPE_KEYWORDS.has(tv) || tv === 'true' || tv === 'false' || tv === 'this') {
        next();
        if (is('.')) throw BAIL;
        return;
      }
      if (tv === 'typeof') {
        next();
        if (isName('import')) throw BAIL;
        entityName();
        if (is('<') && !nl) throw BAIL;
        return;
      }
      if (STARTS_TYPE_WORD.has(tv)) throw BAIL; // function, new, asserts, infer, unique, import
      if (RESERVED.has(tv)) throw FAIL;
      entityName();
      if (is('<') && !nl) typeArguments();
      return;
    case PUNCT:
      switch (tv) {
        case '-':
          next();
          if (!at(NUM)) throw BAIL;
          next();
          return;
        case '{':
          return typeLiteral();
        case '[':
          return tupleType();
        case '(':
          next();
          type();
          expect(')');
          return;
        case '?':
        case '!':
        case '*':
        case '...':
        case '<':
        case '|':
        case '&':
          throw BAIL;
      }
  }
  throw FAIL;
}

/** `A`, `A.B.C`: the first an identifier, the others any name. */
function entityName(): void {
  if (tk !== NAME || RESERVED.has(tv)) throw FAIL;
  next();
  while (is('.')) {
    next();
    if (tk !== NAME) throw FAIL;
    next();
  }
}

/** `<T, U>` of a type reference (in a type): `>` alone closes it, as TypeScript scans it. */
function typeArguments(): void {
  expect('<');
  if (is('>')) throw BAIL;
  for (;;) {
    type();
    if (!optional(',')) break;
    if (is('>')) throw BAIL;
  }
  expect('>');
}

/** `<T extends U = V, …>` of a declaration. */
function typeParameters(): void {
  expect('<');
  if (is('>')) throw BAIL;
  for (;;) {
    if (tk === NAME && (tv === 'const' || tv === 'in' || tv === 'out')) throw BAIL;
    bindingName();
    if (isName('extends')) {
      next();
      type();
    }
    if (optional('=')) type();
    if (!optional(',')) break;
    if (is('>')) throw BAIL;
  }
  expect('>');
}

function typeLiteral(): void {
  // Mapped types: `{ [K in …]`, `{ readonly [`, `{ +readonly`, `{ -readonly`.
  const saved = save();
  next();
  if (is('+') || is('-')) throw BAIL;
  if (isName('readonly')) {
    next();
    if (is('[')) throw BAIL;
  }
  if (is('[')) {
    next();
    if (tk === NAME) {
      next();
      if (isName('in')) throw BAIL;
    }
  }
  restore(saved);
  typeMembers();
}

function typeMembers(): void {
  expect('{');
  while (!is('}')) {
    if (tk === EOF) throw FAIL;
    typeMember();
  }
  next();
}

function typeMember(): void {
  if (is('(') || is('<')) throw BAIL; // call signatures
  if (isName('new')) {
    const ahead = peek();
    if (ahead.tk === PUNCT && (ahead.tv === '(' || ahead.tv === '<')) throw BAIL;
  }
  if (is('[')) {
    const saved = save();
    next();
    if (tk === NAME) {
      next();
      if (is(':')) {
        restore(saved);
        return indexSignature(true);
      }
    }
    throw BAIL; // a computed name
  }
  if (isName('readonly')) {
    const ahead = peek();
    if (!ahead.nl && (ahead.tk === NAME || ahead.tk === STR || ahead.tk === NUM)) next();
    else if (ahead.tk === PUNCT && ahead.tv === '[') throw BAIL;
  }
  if (tk === NAME && (tv === 'get' || tv === 'set')) {
    const ahead = peek();
    if (
      ahead.tk === NAME ||
      ahead.tk === STR ||
      ahead.tk === NUM ||
      (ahead.tk === PUNCT && ahead.tv === '[')
    )
      throw BAIL;
  }
  if (!(tk === NAME || tk === STR || tk === NUM)) throw FAIL;
  next();
  optional('?');
  if (is('(') || is('<')) {
    if (is('<')) typeParameters();
    typeParameterList();
    if (optional(':')) returnType();
  } else if (optional(':')) type();
  typeMemberSeparator();
}

/** `,` or `;` between members, or a line break, or the closing `}`. */
function typeMemberSeparator(): void {
  if (optional(',')) return;
  semicolon();
}

function tupleType(): void {
  next(); // [
  while (!is(']')) {
    optional('...');
    if (tk === NAME) {
      const ahead = peek();
      if (ahead.tk === PUNCT && (ahead.tv === ':' || ahead.tv === '?')) throw BAIL; // named
    }
    type();
    if (is(']')) break;
    expect(',');
    if (is(']')) throw BAIL;
  }
  next();
  lastTypeIsArray = true;
}
