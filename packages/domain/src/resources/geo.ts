/** Coordinates: the check that a point lies in Japan, and distances for "near Y" searches. */

/** A generous box around Japan's territory (Okinotorishima to Etorofu, Yonaguni to Minamitorishima). */
export const JAPAN_BOUNDS = { south: 20, north: 46, west: 122, east: 154 } as const;

export function isInJapan(lat: number, lng: number): boolean {
  return (
    Number.isFinite(lat) &&
    Number.isFinite(lng) &&
    lat >= JAPAN_BOUNDS.south &&
    lat <= JAPAN_BOUNDS.north &&
    lng >= JAPAN_BOUNDS.west &&
    lng <= JAPAN_BOUNDS.east
  );
}

/** Great-circle distance in kilometres (haversine, mean Earth radius). */
export function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}
