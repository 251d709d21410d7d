/** What any over-long input says, from the form fields to the API: the cap, in characters. */
export const tooLong = (max: number) => `Use at most ${max} characters.`;
