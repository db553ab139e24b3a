/** "11th", "10th–11th": a finishing place as the desk announces it. */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

export function placeText(place: number, placeTo: number): string {
  return place === placeTo ? ordinal(place) : `${ordinal(place)}–${ordinal(placeTo)}`;
}
