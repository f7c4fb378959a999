/**
 * `trace/spec-drift`: the tests a plan shows are the tests that run. The plan's copy of a spec
 * and the file are compared as TypeScript tokens (code-tokens.ts), so formatting does not count.
 */
import {
  firstDifference,
  quotedToken,
  tokenize,
  tokensOfSpec,
  TokenSequence,
} from '../../code-tokens';
import { LineIndex } from '../../line-index';
import { specCopies } from '../../spec-copies';
import type { PlanRule } from '../rule';
import { docsOf } from '../rule';

export const specDrift: PlanRule = {
  scope: 'plan',
  meta: {
    id: 'trace/spec-drift',
    severity: 'warning',
    description:
      "The code of every spec shown in the Unit tests section is the spec file's code, formatting aside.",
    tags: ['trace', 'tests'],
    docs: docsOf('trace/spec-drift'),
    messages: {
      drift:
        "The code of `{{spec}}` in this plan differs from the file ({{where}}). Update the plan's copy of the tests (and have the plan approved again) or restore the spec, so that the tests reviewed are the tests that run.",
    },
  },
  check(context, report) {
    const code = context.moduleCode;
    const section = context.sections.get('unit-tests');
    if (!code || !section || code.specSources.size === 0) return;
    for (const { spec, blocks } of specCopies(section, code.specSources)) {
      const source = code.specSources.get(spec)!;
      const copy = blocks.length === 1 ? blocks[0].code : blocks.map((b) => b.code).join('\n');
      // The same text is the same code: no need to tokenise the copy.
      if (copy === source) continue;
      const tokens = tokensOfSpec(code, spec, source);
      const copyTokens = tokenize(copy);
      const at = firstDifference(copyTokens, tokens);
      if (at === undefined) continue;
      report(blocks[0], 'drift', {
        spec,
        where: whereItDiffers(source, tokens, quotedToken(copyTokens, tokens, at)),
      });
    }
  },
};

function whereItDiffers(source: string, tokens: TokenSequence, at: number): string {
  const lines = new LineIndex(source);
  if (at < tokens.starts.length) {
    const { line } = lines.position(tokens.starts[at]);
    return `first at line ${line} of the file: \`${quoted(lines.lineText(line))}\``;
  }
  if (tokens.starts.length === 0) return 'the file has no code';
  const last = lines.position(tokens.starts[tokens.starts.length - 1]).line;
  return `the file ends at line ${last}, where the plan's copy goes on`;
}

/** A line of code quoted in a message: trimmed and cut to a readable length, spaces kept. */
function quoted(line: string, max = 80): string {
  const trimmed = line.trim();
  return trimmed.length > max ? `${trimmed.slice(0, max - 1)}…` : trimmed;
}
