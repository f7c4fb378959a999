/**
 * Name derivation for everything the feature generator makes, in one place. Nx's `names()` is
 * not used: it leaves `name` as given and upper-cases `constantName` without word breaks.
 */

export interface Names {
  /** `ScheduleMeeting` — classes, plan folders. */
  readonly className: string;
  /** `scheduleMeeting` — methods, variables. */
  readonly propertyName: string;
  /** `schedule-meeting` — files and folders. */
  readonly fileName: string;
  /** `SCHEDULE_MEETING` — constants, event names. */
  readonly constantName: string;
  /** The words, lower case: `['schedule', 'meeting']`. */
  readonly words: readonly string[];
}

export { UserInputError } from '../../../utils/user-input-error';
import { UserInputError } from '../../../utils/user-input-error';

const ASCII_WORDS = /^[A-Za-z][A-Za-z0-9]*(?:[-_ ][A-Za-z0-9]+)*$/;

/**
 * Words that cannot be an identifier in strict-mode TypeScript, plus the names that would shadow
 * globals the generated code relies on.
 */
const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends ' +
    'false finally for function if import in instanceof new null return super switch this throw ' +
    'true try typeof var void while with as implements interface let package private protected ' +
    'public static yield any boolean constructor declare get module require number set string ' +
    'symbol type from of await async undefined nan infinity arguments eval object promise error ' +
    'date result'
  ).split(' '),
);

export function toNames(raw: string, what: string): Names {
  const input = (raw ?? '').trim();
  if (input.length === 0) {
    throw new UserInputError(`${what} must not be empty. Give a name such as "ScheduleMeeting".`);
  }
  if (/[\\/]|\.\./.test(input)) {
    throw new UserInputError(
      `${what} "${input}" contains a path separator or "..". Give a plain name such as "ScheduleMeeting"; the generator chooses the folders.`,
    );
  }
  if (!ASCII_WORDS.test(input)) {
    throw new UserInputError(
      `${what} "${input}" is not a valid name. Use ASCII letters and digits, starting with a letter (words may be separated by "-" or "_"), e.g. "ScheduleMeeting" or "schedule-meeting".`,
    );
  }
  const words = input
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[-_ ]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
  const className = words.map(capitalize).join('');
  const propertyName = words[0] + words.slice(1).map(capitalize).join('');
  if (RESERVED.has(propertyName.toLowerCase())) {
    throw new UserInputError(
      `${what} "${input}" is a reserved word in TypeScript or would shadow a global ("${propertyName}"). Choose a more specific name, e.g. "${className}Item".`,
    );
  }
  return {
    className,
    propertyName,
    fileName: words.join('-'),
    constantName: words.join('_').toUpperCase(),
    words,
  };
}

/** Names for a list option (`--valueObjects=MeetingTitle,Duration`), de-duplicated in order. */
export function toNamesList(raw: readonly string[] | string | undefined, what: string): Names[] {
  const items = (Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : [])
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
  const seen = new Set<string>();
  return items
    .map((item) => toNames(item, what))
    .filter((names) => !seen.has(names.className) && seen.add(names.className));
}

/** `schedule` → `scheduled`, `cancel` → `canceled`, `stop` → `stopped`: good enough for defaults. */
export function pastTense(verb: string): string {
  if (verb.endsWith('e')) return `${verb}d`;
  if (/[^aeiou]y$/.test(verb)) return `${verb.slice(0, -1)}ied`;
  if (/^[^aeiou]*[aeiou][bdgmnprt]$/.test(verb)) return `${verb}${verb.slice(-1)}ed`;
  return `${verb}ed`;
}

export function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** `meetings` → `meeting`: only for deriving a default aggregate name from a module. */
export function singular(word: string): string {
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('ss')) return word;
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}
