import {
  DEFAULT_ZONE,
  PROFILE_FIELDS,
  type ProfileField,
  type ProfileState,
  type ProfileValue,
} from './state';

type ProfileData = Readonly<Partial<Record<string, unknown>>>;

const emptyFields = (): Record<ProfileField, ProfileValue> =>
  Object.fromEntries(PROFILE_FIELDS.map((f) => [f, null])) as Record<ProfileField, ProfileValue>;

/** Before any registration: every field unknown, but the zone is UTC (null only once an update clears it). */
function emptyProfile(): ProfileState {
  return {
    fields: { ...emptyFields(), timezone: DEFAULT_ZONE },
    created_time: null,
    modified_time: null,
    allergies: {},
    illnesses: {},
  };
}

const touched = (profile: ProfileState | null, occurredAt: string): ProfileState => ({
  ...(profile ?? emptyProfile()),
  modified_time: occurredAt,
});

/** A (re-)registration replaces every field but keeps `created_time` and the allergy and illness lists. */
export function registerProfile(
  profile: ProfileState | null,
  data: ProfileData,
  occurredAt: string,
): ProfileState {
  const fields = emptyFields();
  for (const f of PROFILE_FIELDS) {
    const value = data[f];
    if (value !== undefined) fields[f] = value as ProfileValue;
  }
  // The zone defaults to UTC at registration; only a later update can clear it to null.
  if (fields.timezone === null) fields.timezone = 'UTC';
  const base = touched(profile, occurredAt);
  return { ...base, fields, created_time: profile?.created_time ?? occurredAt };
}

/** Merge: a present key overwrites, `null` clears, an absent key keeps; `uuid` never changes here. */
export function updateProfile(
  profile: ProfileState | null,
  data: ProfileData,
  occurredAt: string,
): ProfileState {
  const base = touched(profile, occurredAt);
  const fields = { ...base.fields };
  for (const f of PROFILE_FIELDS) {
    const value = data[f];
    if (f !== 'uuid' && value !== undefined) fields[f] = value as ProfileValue;
  }
  return { ...base, fields };
}

export type ProfileList = 'allergies' | 'illnesses';

export function addListItem(
  profile: ProfileState | null,
  list: ProfileList,
  id: number,
  text: string,
  occurredAt: string,
): ProfileState {
  const base = touched(profile, occurredAt);
  return { ...base, [list]: { ...base[list], [id]: text } };
}

export function removeListItem(
  profile: ProfileState | null,
  list: ProfileList,
  id: number,
  occurredAt: string,
): ProfileState {
  const base = touched(profile, occurredAt);
  if (!(String(id) in base[list])) return base;
  const items = { ...base[list] };
  delete items[String(id)];
  return { ...base, [list]: items };
}
