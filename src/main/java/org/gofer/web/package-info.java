/** HTTP intake: Javalin routes, JSON in and out, one exception-to-status mapping; no business logic. */
package org.gofer.web;
