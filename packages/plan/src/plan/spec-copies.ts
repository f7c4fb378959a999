/**
 * The copies of spec files a plan shows in its Unit tests section: each `###` heading that names
 * a spec of the module in backticks, with the TypeScript blocks under it.
 */
import type { CodeBlock, Section } from './plan-model';
import { BACKTICKED } from './text';
import { isTypeScriptBlock } from './typescript';

export interface SpecCopy {
  /** The spec's module-relative path, as the module code has it. */
  readonly spec: string;
  /** The TypeScript blocks under the spec's heading, in order (at least one). */
  readonly blocks: readonly CodeBlock[];
}

/**
 * The copies of spec files in the Unit tests section: each `###` heading that names, in
 * backticks, a spec of the module, with the TypeScript blocks between it and the next heading
 * (a spec shown under two headings is one copy, in order). A spec without a block gives nothing.
 */
export function specCopies(section: Section, specSources: ReadonlyMap<string, string>): SpecCopy[] {
  const copies = new Map<string, CodeBlock[]>();
  const { subheadings, codeBlocks } = section;
  subheadings.forEach((heading, index) => {
    if (heading.level !== 3 || !heading.text.includes('`')) return;
    let spec: string | undefined;
    for (const match of heading.text.matchAll(BACKTICKED)) {
      const path = match[1].trim().replace(/^\.\//, '');
      if (specSources.has(path)) {
        spec = path;
        break;
      }
    }
    if (!spec) return;
    const end = subheadings[index + 1]?.line ?? section.endLine + 1;
    const blocks = codeBlocks.filter(
      (block) => block.line > heading.line && block.line < end && isTypeScriptBlock(block),
    );
    if (blocks.length > 0) copies.set(spec, [...(copies.get(spec) ?? []), ...blocks]);
  });
  return [...copies].map(([spec, blocks]) => ({ spec, blocks }));
}
