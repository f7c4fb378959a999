import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACT_KINDS, SPEC_SUFFIX } from '../../../plan/layout';
import { FILES_DIR } from './templates';

/**
 * The template files' names carry the artifact suffixes (`__aggregateFile__.aggregate.ts`), which
 * the model defines once: the two must not drift apart.
 */
describe('the code templates', () => {
  const suffixes = new Set<string>(Object.values(ARTIFACT_KINDS).map((kind) => kind.suffix));
  const templates = [
    'aggregate',
    'value-object',
    'event',
    'use-case',
    'listener',
    'scheduled-command',
  ].flatMap((folder) => readdirSync(join(FILES_DIR, folder)));

  it.each(templates)('%s is named with an artifact suffix of the model', (file) => {
    const suffix = file
      .replace(/^__\w+__/, '')
      .replace(/\.ts\.template$/, '')
      .replace(new RegExp(`${SPEC_SUFFIX.replace('.', '\\.')}$`), '');

    expect(suffixes).toContain(suffix);
  });

  it('has a template for every kind', () => {
    const used = new Set(
      templates.map((file) => file.replace(/^__\w+__/, '').replace(/(\.spec)?\.ts\.template$/, '')),
    );

    expect([...suffixes].filter((suffix) => !used.has(suffix))).toEqual([]);
  });
});
