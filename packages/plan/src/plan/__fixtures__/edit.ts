/** Targeted edits of a plan's markdown, for the rule tests. */
import { replaceOnce } from './plans';

/** The text of a `##` section, from its heading to the next `##` heading. */
export function sectionText(text: string, title: string): string {
  const start = text.indexOf(`\n## ${title}\n`) + 1;
  if (start === 0) throw new Error(`no section ## ${title}`);
  const end = text.indexOf('\n## ', start + 1);
  return text.slice(start, end === -1 ? text.length : end + 1);
}

export function removeSection(text: string, title: string): string {
  return replaceOnce(text, sectionText(text, title), '');
}

/** Swaps two adjacent sections (`first` comes right before `second`). */
export function swapSections(
  text: string,
  first: string,
  second: string,
): string {
  const a = sectionText(text, first);
  const b = sectionText(text, second);
  return replaceOnce(text, a + b, b + a);
}

/** Removes one whole line (with its line break) that equals `line`. */
export function removeLine(text: string, line: string): string {
  return replaceOnce(text, `\n${line}\n`, '\n');
}
