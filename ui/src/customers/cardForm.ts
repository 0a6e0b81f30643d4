// Conversion between the card's fields and the form's values (dates as dayjs).
import { type Dayjs, day, wallNow } from "../time";
import type { CustomerFields } from "../bindings/CustomerFields";

export type CardFormValues = Omit<CustomerFields, "birthday" | "first_visit"> & {
  birthday: Dayjs | null;
  first_visit: Dayjs | null;
};

export const EMPTY_CARD: CustomerFields = {
  name: "",
  salutation: "",
  gender: "unknown",
  phone: "",
  birthday: null,
  card_no: "",
  source: "walk_in",
  referrer: "",
  class: null,
  tags: [],
  first_visit: null,
  notes: "",
  skin_type: "",
  blood_type: null,
  allergies: "",
  contraindications: "",
  treatments_elsewhere: "",
  products_in_use: "",
  care_times: "",
  workplace: "",
  home_phone: "",
  address: "",
  hobbies: "",
  eating_habits: "",
  preferred_stylist_id: null,
  drink: null,
  contact_channel: "phone",
  do_not_contact: false,
};

export function toFormValues(card: CustomerFields): CardFormValues {
  return {
    ...card,
    birthday: card.birthday ? day(card.birthday) : null,
    first_visit: card.first_visit ? day(card.first_visit) : null,
  };
}

/** Form values back to the card, filling anything the form left undefined. */
export function toFields(values: Partial<CardFormValues>): CustomerFields {
  const v = { ...EMPTY_CARD, ...stripUndefined(values) } as CardFormValues;
  return {
    ...v,
    birthday: v.birthday ? v.birthday.format("YYYY-MM-DD") : null,
    first_visit: v.first_visit ? v.first_visit.format("YYYY-MM-DD") : null,
    tags: v.tags ?? [],
    class: v.class ?? null,
    blood_type: v.blood_type ?? null,
    drink: v.drink ?? null,
    preferred_stylist_id: v.preferred_stylist_id ?? null,
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Every card field, for mapping backend errors to form fields. */
export const CARD_FIELDS = Object.keys(EMPTY_CARD);

/** Age in whole years on `today` from a YYYY-MM-DD birthday. */
export function ageOn(birthday: string, today: Dayjs = wallNow()): number {
  return today.diff(day(birthday), "year");
}
