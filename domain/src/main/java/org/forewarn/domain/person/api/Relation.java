package org.forewarn.domain.person.api;

import org.forewarn.domain.Enums;

/** How a registered relative (亲情号码) is related to the person. */
public enum Relation {
    SPOUSE, PARENT, CHILD, SIBLING, GRANDCHILD, OTHER_RELATIVE, GUARDIAN;

    public static Relation parse(String field, String code) {
        return Enums.parse(Relation.class, field, code);
    }
}
