import type { FeatureGeneratorSchema } from '../schema';
import type { Names } from './names';
import type { NormalizedFeatureOptions } from './normalize-options';

/**
 * A name the generator uses, with what a refusal should say about it. A default (an aggregate
 * named after the use-case, say) is blamed on the option the person can change.
 */
export interface NameSource {
  readonly names: Names;
  /** `The use-case "ScheduleMeeting"`, `The aggregate "Meeting" (named after the use-case)` */
  readonly label: string;
  /** What to do: `Choose a shorter name for --useCase.` */
  readonly fix: (adjective: 'shorter' | 'another') => string;
}

export function nameSources(
  options: NormalizedFeatureOptions,
  schema: FeatureGeneratorSchema,
): NameSource[] {
  const choose = (adjective: 'shorter' | 'another', option: string) =>
    `Choose ${adjective === 'another' ? 'another' : 'a shorter'} name for --${option}`;
  const given = (what: string, option: string, names: Names, value = names.className) => ({
    names,
    label: `The ${what} ${shown(value)}`,
    fix: (adjective: 'shorter' | 'another') => `${choose(adjective, option)}.`,
  });
  /** A default is named after other names: the fix is to change those, or to give it. */
  const defaulted = (what: string, option: string, names: Names, origin: Origin) => ({
    names,
    label: `The ${what} ${shown(names.className, `named after ${origin.after}`)}`,
    fix: (adjective: 'shorter' | 'another') =>
      `${choose(adjective, origin.option)}, or name the ${what} with --${option}.`,
  });
  const useCase: Origin = { after: 'the use-case', option: 'useCase' };
  const aggregateOrigin: Origin =
    options.useCase.words.length > 1 ? useCase : { after: 'the module', option: 'module' };
  const eventOrigin: Origin = {
    after: 'the aggregate and the use-case',
    option: schema.aggregate ? 'aggregate' : 'useCase',
  };

  return [
    given('module', 'module', options.module, options.module.fileName),
    given('use-case', 'useCase', options.useCase),
    schema.aggregate
      ? given('aggregate', 'aggregate', options.aggregate)
      : defaulted('aggregate', 'aggregate', options.aggregate, aggregateOrigin),
    ...options.valueObjects.map((vo) => given('value object', 'valueObjects', vo)),
    ...options.events.map((event) =>
      hasItems(schema.events)
        ? given('event', 'events', event)
        : defaulted('event', 'events', event, eventOrigin),
    ),
    ...options.scheduledCommands.map((sc) =>
      schema.scheduledCommands !== undefined
        ? given('scheduled command', 'scheduledCommands', sc)
        : defaulted('scheduled command', 'scheduledCommands', sc, useCase),
    ),
  ];
}

interface Origin {
  /** What a default is named after: `the use-case`. */
  readonly after: string;
  /** The option to change for another default. */
  readonly option: string;
}

/** Quoted, with notes; a long name is cut, since the offending path shows it in full anyway. */
function shown(value: string, ...notes: string[]): string {
  const long = value.length > 60;
  const all = long ? [`${value.length} characters`, ...notes] : notes;
  const quoted = `"${long ? `${value.slice(0, 40)}…` : value}"`;
  return all.length > 0 ? `${quoted} (${all.join(', ')})` : quoted;
}

function hasItems(raw: readonly string[] | string | undefined): boolean {
  const items = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : [];
  return items.some((item) => item.trim().length > 0);
}
