/*
 * vp-json.c: parsing untrusted JSON with yajl 2, with size and depth caps.
 *
 * yajl's tree parser keeps no depth limit of its own and yajl_tree_free()
 * recurses once per nesting level, so a document nested a million levels
 * deep would overflow the stack.  Before yajl sees a byte we therefore
 * measure the nesting depth with a small scanner that understands just
 * enough JSON (strings and their escapes) to count brackets correctly.
 * yajl_tree_parse() also accepts comments, which could hide a quote from
 * that scanner; JSON has none, so a '/' outside a string is refused.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include <virtplug/vp-json.h>

#define VP_JSON_HAS_COMMENT ((unsigned)-1)

/* The deepest bracket nesting in buf[0..len), counting only brackets that
 * are outside strings.  Stops counting as soon as max_depth is exceeded
 * (returns max_depth + 1) so that the scan stays cheap for hostile input.
 * Returns VP_JSON_HAS_COMMENT at a '/' outside a string. */
static unsigned
vpJsonDepth(const char *buf, size_t len, unsigned max_depth)
{
    unsigned depth = 0;
    unsigned deepest = 0;
    bool in_string = false;
    size_t i;

    for (i = 0; i < len; i++) {
        char c = buf[i];

        if (in_string) {
            if (c == '\\')
                i++;            /* skip the escaped character */
            else if (c == '"')
                in_string = false;
            continue;
        }
        switch (c) {
        case '"':
            in_string = true;
            break;
        case '/':
            return VP_JSON_HAS_COMMENT;
        case '[':
        case '{':
            if (++depth > deepest) {
                deepest = depth;
                if (deepest > max_depth)
                    return deepest;
            }
            break;
        case ']':
        case '}':
            /* Unbalanced closers are a syntax error that yajl reports. */
            if (depth > 0)
                depth--;
            break;
        default:
            break;
        }
    }
    return deepest;
}

yajl_val
vpJsonParse(const virtplugHost *host, int from, const char *buf, size_t len,
            const char *what, unsigned max_depth, size_t max_size)
{
    char errbuf[256];
    char *copy;
    yajl_val tree;
    size_t errlen;
    unsigned depth;

    if (len > max_size) {
        host->warn(from, "%s: JSON document of %zu bytes exceeds the limit "
                   "of %zu bytes", what, len, max_size);
        return NULL;
    }
    if (len > 0 && memchr(buf, '\0', len)) {
        host->warn(from, "%s: JSON document contains a NUL byte", what);
        return NULL;
    }
    depth = vpJsonDepth(buf, len, max_depth);
    if (depth == VP_JSON_HAS_COMMENT) {
        host->warn(from, "%s: malformed JSON: '/' outside a string", what);
        return NULL;
    }
    if (depth > max_depth) {
        host->warn(from, "%s: JSON document nested deeper than %u levels",
                   what, max_depth);
        return NULL;
    }

    /* yajl_tree_parse() wants a NUL-terminated string; buf need not be. */
    if (!(copy = malloc(len + 1))) {
        host->warn(from, "%s: out of memory", what);
        return NULL;
    }
    memcpy(copy, buf, len);
    copy[len] = '\0';

    errbuf[0] = '\0';
    tree = yajl_tree_parse(copy, errbuf, sizeof(errbuf));
    free(copy);
    if (!tree) {
        /* yajl's message spans lines; keep the first one. */
        errlen = strcspn(errbuf, "\r\n");
        errbuf[errlen] = '\0';
        host->warn(from, "%s: malformed JSON: %s", what,
                   errbuf[0] ? errbuf : "parse error");
        return NULL;
    }
    return tree;
}

const char *
vpJsonGetString(yajl_val root, const char *const *path)
{
    yajl_val node = root;
    size_t i;

    for (; node && *path; path++) {
        yajl_val next = NULL;

        if (!YAJL_IS_OBJECT(node))
            return NULL;
        for (i = 0; i < node->u.object.len; i++) {
            if (strcmp(node->u.object.keys[i], *path) == 0) {
                next = node->u.object.values[i];
                break;
            }
        }
        node = next;
    }
    return YAJL_IS_STRING(node) ? YAJL_GET_STRING(node) : NULL;
}
