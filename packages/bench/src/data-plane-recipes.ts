/** What the data-plane benchmark's server builds and its driver calls (shared, no side effects). */
export const VERIFY_SQL = 'select (kind = $2) as matches from jl_mz_0001 where id_no = $1';
export const AGGREGATE_SQL = 'select district, count(*) as n from jl_mz_0001 where registered_on >= $1 and registered_on < $2 group by district';

/** A deterministic identity number of row i (18 characters, distinct per row). */
export const idOf = (i: number) => `2201${String(1_000_000_000_000 + i).slice(-13)}X`;
