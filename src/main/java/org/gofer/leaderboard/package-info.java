/** Opt-in leaderboards: the display names students choose, and an assignment's students ranked by counted grade. */
package org.gofer.leaderboard;
