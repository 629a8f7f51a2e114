/** How questionnaire figures read on screen: 4.2 (of 5), 58%. */

export function formatMean(mean: number | null): string {
  return mean === null ? "—" : (Math.round(mean * 10) / 10).toFixed(1);
}

export function formatRate(rate: number | null): string {
  return rate === null ? "—" : `${Math.round(rate * 100)}%`;
}
