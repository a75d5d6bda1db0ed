/** Suggestions for the ice-breaker question of an invitation. */
export const iceBreakerSuggestions = [
  'What is the best thing you did this month?',
  'Which place in town should everyone visit once?',
  'What are you learning at the moment?',
  'Coffee or tea, and where is the best one around?',
  'What was the last thing that made you laugh out loud?',
];
