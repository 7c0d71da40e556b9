/** The JSON:API media type (jsonapi.org/format/#content-negotiation), what DJA answered with. */
export const jsonApiMediaType = 'application/vnd.api+json';
