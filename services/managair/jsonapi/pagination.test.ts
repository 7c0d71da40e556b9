import { describe, expect, it } from 'vitest';

import { maxPageSize, paginate, paginationLinks, paginationMeta, parsePage } from './pagination';
import { refusalOf } from './refusal-of';

describe('parsePage', () => {
  it('defaults to page 1 with no size: the whole list on one page', () => {
    expect(parsePage({})).toEqual({ number: 1, size: null });
    expect(parsePage({ 'page[number]': '', 'page[size]': '' })).toEqual({ number: 1, size: null });
  });

  it('reads number, size and "last"; caps the size at 100 as DJA did', () => {
    expect(parsePage({ 'page[number]': '3', 'page[size]': '10' })).toEqual({ number: 3, size: 10 });
    expect(parsePage({ 'page[number]': 'last', 'page[size]': '1000' })).toEqual({ number: 'last', size: maxPageSize });
    expect(maxPageSize).toBe(100);
  });

  it('takes the last of repeated values, as Django did', () => {
    expect(parsePage({ 'page[number]': ['1', '2'] })).toEqual({ number: 2, size: null });
  });

  it('refuses malformed values, naming each parameter', () => {
    expect(refusalOf(() => parsePage({ 'page[number]': '0', 'page[size]': '-5' })).toDocument()).toEqual({
      errors: [
        {
          status: '400',
          code: 'invalid_page',
          title: 'Bad Request',
          detail: 'page[number] must be a positive integer or "last".',
          source: { parameter: 'page[number]' },
        },
        {
          status: '400',
          code: 'invalid_page_size',
          title: 'Bad Request',
          detail: 'page[size] must be an integer from 1 to 100.',
          source: { parameter: 'page[size]' },
        },
      ],
    });
    expect(refusalOf(() => parsePage({ 'page[size]': '1.5' })).errors.map((e) => e.source)).toEqual([
      { parameter: 'page[size]' },
    ]);
  });
});

describe('paginate', () => {
  it('puts everything on one page by default', () => {
    expect(paginate({ number: 1, size: null }, 589)).toEqual({
      number: 1,
      pages: 1,
      count: 589,
      offset: 0,
      limit: null,
    });
  });

  it('counts an empty list as page 1 of 1', () => {
    expect(paginate({ number: 1, size: 10 }, 0)).toEqual({ number: 1, pages: 1, count: 0, offset: 0, limit: 10 });
  });

  it('computes offset and limit, and resolves "last"', () => {
    expect(paginate({ number: 2, size: 10 }, 25)).toEqual({ number: 2, pages: 3, count: 25, offset: 10, limit: 10 });
    expect(paginate({ number: 'last', size: 10 }, 25)).toMatchObject({ number: 3, offset: 20 });
  });

  it('answers 404 "Invalid page." beyond the last page, as DRF did', () => {
    expect(refusalOf(() => paginate({ number: 4, size: 10 }, 25)).toDocument()).toEqual({
      errors: [
        {
          status: '404',
          code: 'not_found',
          title: 'Not Found',
          detail: 'Invalid page.',
          source: { parameter: 'page[number]' },
        },
      ],
    });
  });
});

describe('paginationMeta', () => {
  it('is meta.pagination {page, pages, count}', () => {
    expect(paginationMeta(paginate({ number: 2, size: 10 }, 25))).toEqual({
      pagination: { page: 2, pages: 3, count: 25 },
    });
  });
});

describe('paginationLinks', () => {
  const url = 'https://clair.example/api/v1/sites/?filter[organization]=1&page[size]=10&page[number]=2';

  it('replaces page[number] in the absolute URL, the query sorted and encoded as Django did', () => {
    expect(paginationLinks(url, paginate({ number: 2, size: 10 }, 25))).toEqual({
      first: 'https://clair.example/api/v1/sites/?filter%5Borganization%5D=1&page%5Bnumber%5D=1&page%5Bsize%5D=10',
      last: 'https://clair.example/api/v1/sites/?filter%5Borganization%5D=1&page%5Bnumber%5D=3&page%5Bsize%5D=10',
      next: 'https://clair.example/api/v1/sites/?filter%5Borganization%5D=1&page%5Bnumber%5D=3&page%5Bsize%5D=10',
      prev: 'https://clair.example/api/v1/sites/?filter%5Borganization%5D=1&page%5Bnumber%5D=1&page%5Bsize%5D=10',
    });
  });

  it('has null next and prev on the only page', () => {
    expect(paginationLinks('http://localhost/api/v1/quantities', paginate({ number: 1, size: null }, 3))).toEqual({
      first: 'http://localhost/api/v1/quantities?page%5Bnumber%5D=1',
      last: 'http://localhost/api/v1/quantities?page%5Bnumber%5D=1',
      next: null,
      prev: null,
    });
  });
});
