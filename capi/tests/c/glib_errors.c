/* Differential test: LibvirtGLib's init, event loop registration and error helpers.
 * Built against the C libvirt-glib and against ours; the outputs must be equal. */
#include <libvirt-glib/libvirt-glib.h>
#include <libvirt/libvirt.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    GError *err = NULL;
    GQuark q = g_quark_from_static_string("demo-quark");

    gvir_init(&argc, &argv);
    if (!gvir_init_check(&argc, &argv, &err)) {
        printf("init_check failed: %s\n", err->message);
        return 1;
    }
    gvir_event_register();

    err = gvir_error_new(q, 3, "formatted %d %s", 42, "text");
    printf("error_new: %s %d %s\n", g_quark_to_string(err->domain), err->code, err->message);
    g_error_free(err);

    err = gvir_error_new_literal(q, 4, "literal %d");
    printf("error_new_literal: %d %s\n", err->code, err->message);
    g_error_free(err);

    err = NULL;
    gvir_set_error(&err, q, 5, "set %s", "error");
    printf("set_error: %d %s\n", err->code, err->message);
    g_clear_error(&err);
    gvir_set_error_literal(&err, q, 6, "set literal");
    printf("set_error_literal: %d %s\n", err->code, err->message);
    g_clear_error(&err);
    gvir_set_error(NULL, q, 7, "ignored");
    printf("set_error(NULL): ok\n");

    /* With a libvirt error pending, the helpers append its message. */
    virConnectPtr conn = virConnectOpen("test:///nonexistent-file.xml");
    printf("bad open: %s\n", conn ? "opened" : "failed");
    err = gvir_error_new_literal(q, 8, "opening");
    printf("with libvirt error: %d %s\n", err->code,
           g_str_has_prefix(err->message, "opening: ") ? "opening: <libvirt message>" : err->message);
    g_error_free(err);
    return 0;
}
