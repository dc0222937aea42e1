/** The date a brief without one gets: SOURCE_DATE_EPOCH (reproducible builds) if set, else today, as YYYY-MM-DD. */
export function defaultDate(): string {
  const epoch = Number(process.env.SOURCE_DATE_EPOCH);
  const time = process.env.SOURCE_DATE_EPOCH && Number.isFinite(epoch) ? epoch * 1000 : Date.now();
  return new Date(time).toISOString().slice(0, 10);
}
