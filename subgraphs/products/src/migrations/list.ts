import { Migration0001DataProduct } from './0001_data_product.js';

/** Applied in order; never edit one that has shipped, add the next. */
export const migrations = [{ name: '0001_data_product', class: Migration0001DataProduct }];
