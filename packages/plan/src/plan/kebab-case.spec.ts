import { toNames } from '../generators/feature/lib/names';
import { kebabCase } from './kebab-case';

describe('kebabCase', () => {
  // The traceability rule finds a use-case's folder with kebabCase; the generator names it
  // with toNames(...).fileName. They must agree for every name the generator accepts.
  it.each([
    'BookRoom',
    'ScheduleMeeting',
    'book-room',
    'book_room',
    'HTTPRequestRoom',
    'Checkout',
    'Room2Go',
    'ABC',
  ])('names the folder of %s as the generator does', (name) => {
    expect(kebabCase(name)).toBe(toNames(name, 'The use-case').fileName);
  });
});
