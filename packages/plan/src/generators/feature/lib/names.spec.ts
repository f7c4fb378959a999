import { capitalize, UserInputError, pastTense, singular, toNames, toNamesList } from './names';

describe('toNames', () => {
  describe('derives every casing from any casing', () => {
    it.each([
      ['schedule-meeting'],
      ['ScheduleMeeting'],
      ['scheduleMeeting'],
      ['schedule_meeting'],
      // Upper snake case is split on "_" like snake case: the words are the same.
      ['SCHEDULE_MEETING'],
      ['Schedule-Meeting'],
      ['schedule meeting'],
      ['  ScheduleMeeting  '],
    ])('%j', (input) => {
      expect(toNames(input, 'The use-case')).toEqual({
        className: 'ScheduleMeeting',
        propertyName: 'scheduleMeeting',
        fileName: 'schedule-meeting',
        constantName: 'SCHEDULE_MEETING',
        words: ['schedule', 'meeting'],
      });
    });
  });

  it.each([
    // An acronym is one word, and its last capital starts the next word.
    ['HTTPRequest', 'HttpRequest', 'httpRequest', 'http-request', 'HTTP_REQUEST'],
    [
      'parseHTTPRequest',
      'ParseHttpRequest',
      'parseHttpRequest',
      'parse-http-request',
      'PARSE_HTTP_REQUEST',
    ],
    ['URL', 'Url', 'url', 'url', 'URL'],
    // Digits stay with the word they follow.
    ['Oauth2Login', 'Oauth2Login', 'oauth2Login', 'oauth2-login', 'OAUTH2_LOGIN'],
    ['room42', 'Room42', 'room42', 'room42', 'ROOM42'],
    ['v2-api', 'V2Api', 'v2Api', 'v2-api', 'V2_API'],
    ['Base64Encode', 'Base64Encode', 'base64Encode', 'base64-encode', 'BASE64_ENCODE'],
    ['meeting_2_room', 'Meeting2Room', 'meeting2Room', 'meeting-2-room', 'MEETING_2_ROOM'],
    ['Meeting', 'Meeting', 'meeting', 'meeting', 'MEETING'],
  ])('%j → %s / %s / %s / %s', (input, className, propertyName, fileName, constantName) => {
    expect(toNames(input, 'The use-case')).toMatchObject({
      className,
      propertyName,
      fileName,
      constantName,
    });
  });

  it('gives the words in lower case', () => {
    expect(toNames('BookHTTPRoom2Now', 'The use-case').words).toEqual([
      'book',
      'http',
      'room2',
      'now',
    ]);
  });

  describe('refuses', () => {
    const refusal = (input: string): Error => {
      try {
        toNames(input, 'The use-case');
      } catch (error) {
        return error as Error;
      }
      throw new Error(`toNames accepted ${JSON.stringify(input)}`);
    };

    it.each([[''], ['   '], ['\t\n']])('an empty name %j', (input) => {
      const error = refusal(input);

      expect(error).toBeInstanceOf(UserInputError);
      expect(error.message).toBe(
        'The use-case must not be empty. Give a name such as "ScheduleMeeting".',
      );
    });

    it('undefined, as an empty name', () => {
      expect(() => toNames(undefined as unknown as string, 'The module')).toThrow(
        'The module must not be empty.',
      );
    });

    it.each([['../escape'], ['a/b'], ['a\\b'], ['..'], ['meeting..room'], ['/abs'], ['C:\\x']])(
      'a path %j',
      (input) => {
        const error = refusal(input);

        expect(error).toBeInstanceOf(UserInputError);
        expect(error.message).toBe(
          `The use-case "${input}" contains a path separator or "..". Give a plain name such as "ScheduleMeeting"; the generator chooses the folders.`,
        );
      },
    );

    it.each([
      ['Über'],
      ['café'],
      ['1stMeeting'],
      ['42'],
      ['-schedule'],
      ['schedule-'],
      ['schedule--meeting'],
      ['schedule.meeting'],
      ['schedule$meeting'],
      ['<script>'],
      ['meeting;rm'],
      ['_private'],
    ])('a name that is not ASCII words %j', (input) => {
      const error = refusal(input);

      expect(error).toBeInstanceOf(UserInputError);
      expect(error.message).toBe(
        `The use-case "${input}" is not a valid name. Use ASCII letters and digits, starting with a letter (words may be separated by "-" or "_"), e.g. "ScheduleMeeting" or "schedule-meeting".`,
      );
    });

    it.each([
      ['new', 'new', 'New'],
      ['delete', 'delete', 'Delete'],
      ['class', 'class', 'Class'],
      ['Class', 'class', 'Class'],
      ['Promise', 'promise', 'Promise'],
      ['Error', 'error', 'Error'],
      ['Result', 'result', 'Result'],
      ['DATE', 'date', 'Date'],
      ['constructor', 'constructor', 'Constructor'],
      ['type-of', 'typeOf', 'TypeOf'],
      ['instance_of', 'instanceOf', 'InstanceOf'],
      ['NaN', 'naN', 'NaN'],
    ])('the reserved word or global %j', (input, propertyName, className) => {
      const error = refusal(input);

      expect(error).toBeInstanceOf(UserInputError);
      expect(error.message).toBe(
        `The use-case "${input}" is a reserved word in TypeScript or would shadow a global ("${propertyName}"). Choose a more specific name, e.g. "${className}Item".`,
      );
    });

    it('a reserved word only as the whole name, not as one of its words', () => {
      expect(toNames('NewMeeting', 'The use-case').className).toBe('NewMeeting');
      expect(toNames('delete-meeting', 'The use-case').className).toBe('DeleteMeeting');
      expect(toNames('PromiseKept', 'The use-case').className).toBe('PromiseKept');
    });

    it('and names the option it refuses', () => {
      expect(() => toNames('../x', 'The aggregate')).toThrow(/^The aggregate "\.\.\/x"/);
      expect(() => toNames('', 'A value object')).toThrow(/^A value object must not be empty/);
    });
  });
});

describe('toNamesList', () => {
  const classNames = (raw: readonly string[] | string | undefined) =>
    toNamesList(raw, 'A value object').map((names) => names.className);

  it.each<[string, readonly string[] | string | undefined, string[]]>([
    ['a comma-separated string', 'MeetingTitle,Duration', ['MeetingTitle', 'Duration']],
    ['an array', ['MeetingTitle', 'Duration'], ['MeetingTitle', 'Duration']],
    [
      'a string with blanks and empty items',
      ' MeetingTitle , ,Duration, ',
      ['MeetingTitle', 'Duration'],
    ],
    ['an array with blank items', ['', ' MeetingTitle ', '  '], ['MeetingTitle']],
    ['one item', 'meeting-title', ['MeetingTitle']],
    ['undefined', undefined, []],
    ['an empty string', '', []],
    ['an empty array', [], []],
    [
      'duplicates in any casing, keeping the first',
      'MeetingTitle,Duration,meeting-title,MEETING_TITLE',
      ['MeetingTitle', 'Duration'],
    ],
    ['duplicates in an array', ['Duration', 'duration', 'Duration'], ['Duration']],
  ])('reads %s', (_case, raw, expected) => {
    expect(classNames(raw)).toEqual(expected);
  });

  it('keeps the order given', () => {
    expect(classNames('Zeta,Alpha,Mid')).toEqual(['Zeta', 'Alpha', 'Mid']);
  });

  it('does not split an array item on commas', () => {
    expect(() => toNamesList(['Title,Duration'], 'A value object')).toThrow(UserInputError);
  });

  it.each([['MeetingTitle,../x'], [['MeetingTitle', 'Über']], ['Title,new']])(
    'refuses the whole list when an item is invalid: %j',
    (raw) => {
      expect(() => toNamesList(raw, 'A value object')).toThrow(/^A value object "/);
    },
  );
});

describe('pastTense', () => {
  it.each([
    ['schedule', 'scheduled'],
    ['create', 'created'],
    ['cancel', 'canceled'],
    ['book', 'booked'],
    ['open', 'opened'],
    ['stop', 'stopped'],
    ['plan', 'planned'],
    ['ship', 'shipped'],
    ['carry', 'carried'],
    ['notify', 'notified'],
    ['play', 'played'],
    ['rename', 'renamed'],
    ['start', 'started'],
    ['approve', 'approved'],
  ])('%s → %s', (verb, past) => {
    expect(pastTense(verb)).toBe(past);
  });
});

describe('singular', () => {
  it.each([
    ['meetings', 'meeting'],
    ['rooms', 'room'],
    ['categories', 'category'],
    ['address', 'address'],
    ['access', 'access'],
    ['billing', 'billing'],
    ['room', 'room'],
  ])('%s → %s', (word, expected) => {
    expect(singular(word)).toBe(expected);
  });
});

describe('capitalize', () => {
  it.each([
    ['meeting', 'Meeting'],
    ['Meeting', 'Meeting'],
    ['', ''],
    ['a', 'A'],
  ])('%j → %j', (word, expected) => {
    expect(capitalize(word)).toBe(expected);
  });
});
