import { LocalCalendar } from './periods';

const calendars = new Map<string, LocalCalendar>();

/** One memoising calendar per zone (memoisation only: answers never depend on call history). */
export function calendarFor(zone: string): LocalCalendar {
  let calendar = calendars.get(zone);
  if (!calendar) {
    calendar = new LocalCalendar(zone);
    calendars.set(zone, calendar);
  }
  return calendar;
}
