package org.netra.app.web;

import org.netra.app.web.security.Access;

/** A link in the top navigation, shown only to users the access allows. */
public record NavItem(String label, String path, Access access) {}
