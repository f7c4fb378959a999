import { render } from 'ejs';
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import {
  ARTIFACT_COLUMNS,
  Catalog,
  EVIDENCE_GUIDANCE,
  INFRASTRUCTURE_TOPICS,
  PLACEHOLDER,
  SEED_CATALOG,
  THREAT_TABLE_COLUMNS,
} from '../../../plan/catalog';
import type { Artifact } from './artifacts';
import { listenerNames } from './artifacts';
import type { Names } from './names';
import type { NormalizedFeatureOptions } from './normalize-options';

export const FILES_DIR = join(__dirname, '..', 'files');

/** An id that passes Identifier validation; the same in every generated spec. */
const SAMPLE_ID = '7f3e2b1a-4c5d-4e6f-8a9b-0c1d2e3f4a5b';

/** The variables every code template sees. */
export function codeSubstitutions(options: NormalizedFeatureOptions): Record<string, unknown> {
  const { valueObjects, aggregateId } = options;
  const sample = (vo: Names) => `Valid ${vo.words.join(' ')}`;
  const objectLiteral = (entries: Array<[string, string]>) =>
    entries.length === 0 ? '{}' : `{ ${entries.map(([k, v]) => `${k}: ${v}`).join(', ')} }`;
  const base = {
    ...options,
    tmpl: '',
    domainImport: posix.relative(options.applicationDir, options.domainDir),
    listener: listenerNames(options),
    sample,
    sampleInput: objectLiteral([
      [aggregateId.propertyName, `'${SAMPLE_ID}'`],
      ...valueObjects.map((vo): [string, string] => [vo.propertyName, `'${sample(vo)}'`]),
    ]),
    detailsArgument: valueObjects.length
      ? objectLiteral(
          valueObjects.map((vo) => [
            vo.propertyName,
            `unwrap(${vo.className}.create('${sample(vo)}'))`,
          ]),
        )
      : '',
  };
  return {
    ...base,
    useCaseImports: renderSnippet('aggregate-imports.ts.ejs', base),
    useCaseMethod: renderSnippet('aggregate-method.ts.ejs', base),
  };
}

export function renderSnippet(name: string, substitutions: Record<string, unknown>): string {
  return render(readFileSync(join(FILES_DIR, 'snippets', name), 'utf-8'), substitutions);
}

export interface SpecForPlan {
  /** Relative to the module's project root. */
  readonly file: string;
  readonly subject: string;
  readonly code: string;
}

/** The variables of the plan template: the configured catalog, and what this use-case is made of. */
export function planSubstitutions(
  options: NormalizedFeatureOptions,
  artifacts: readonly Artifact[],
  specs: readonly SpecForPlan[],
  catalog: Catalog = SEED_CATALOG,
  profile?: string,
): Record<string, unknown> {
  const guidance = (id: string) => {
    const text = catalog.sections.find((section) => section.id === id)?.guidance ?? '';
    return text.charAt(0).toUpperCase() + text.slice(1);
  };
  return {
    tmpl: '',
    project: options.project,
    projectName: options.projectName,
    useCase: options.useCase,
    profile,
    placeholder: PLACEHOLDER,
    sections: catalog.sections,
    checklistOf: (id: string) => catalog.checklists.find((checklist) => checklist.section === id),
    guide: (id: string, more = '') => guidanceComment(`${guidance(id)}${more}`),
    comment: guidanceComment,
    evidenceGuide: (section: string, items: readonly string[]) =>
      section === 'feature-checklist' ? evidenceComment(items) : '',
    artifacts,
    artifactTables: {
      'domain-model': artifacts.filter((artifact) => artifact.layer === 'domain'),
      'application-layer': artifacts.filter((artifact) => artifact.layer === 'application'),
    },
    threatColumns: THREAT_TABLE_COLUMNS,
    artifactColumns: ARTIFACT_COLUMNS,
    infrastructureTopics: INFRASTRUCTURE_TOPICS,
    specs,
  };
}

/** Plans keep to markdownlint's 80 columns, comments included. */
const PLAN_WIDTH = 80;

/**
 * What evidence each item of a checklist group wants, as one comment above the group's items: a
 * comment between the items would split the list (and prettier moves it out of the item).
 */
export function evidenceComment(items: readonly string[]): string {
  const wanted = items.filter((item) => EVIDENCE_GUIDANCE[item] !== undefined);
  if (wanted.length === 0) return '';
  const lines = wrap(
    "When you tick an item, cite the test that proves it: `— [describe › test](path/to/the.spec.ts)`, the test's full name as jest names it, linked to its file. What each item wants:",
    '<!-- ',
    '  ',
  );
  for (const item of wanted)
    lines.push(...wrap(`${item}: ${EVIDENCE_GUIDANCE[item]}`, '  - ', '    '));
  lines.push('-->');
  return lines.join('\n');
}

/** Words wrapped at the plan's width, the first line after `first`, the others after `rest`. */
function wrap(text: string, first: string, rest: string): string[] {
  const lines: string[] = [];
  let line = first;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const blank = line === first || line === rest;
    if (!blank && line.length + 1 + word.length > PLAN_WIDTH) {
      lines.push(line);
      line = `${rest}${word}`;
    } else {
      line += blank ? word : ` ${word}`;
    }
  }
  lines.push(line);
  return lines;
}

/**
 * Guidance for the person who writes the plan, as an HTML comment: it renders as nothing, and
 * the rules do not count it as a section's content, so a section holding only guidance is empty.
 */
export function guidanceComment(text: string): string {
  const lines: string[] = [];
  let line = '<!--';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '<!--' && line.length + 1 + word.length > PLAN_WIDTH) {
      lines.push(line);
      line = `  ${word}`;
    } else {
      line += ` ${word}`;
    }
  }
  if (line.length + ' -->'.length > PLAN_WIDTH) lines.push(line, '-->');
  else lines.push(`${line} -->`);
  return lines.join('\n');
}
