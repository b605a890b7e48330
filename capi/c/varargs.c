/* The variadic part of the libvirt-glib C ABI. Stable Rust cannot define C variadic
 * functions, so these format the message with GLib and hand it to the Rust
 * implementation (capi/src/glib.rs), which adds libvirt's last error as the C library
 * does. */
#include <stdarg.h>
#include <glib.h>

GError *gvir_error_new_literal(GQuark domain, gint code, const gchar *message);
void gvir_capi_log_literal(GLogLevelFlags level, const gchar *message);

GError *gvir_error_new_valist(GQuark domain, gint code, const gchar *format, va_list args)
{
    gchar *message = g_strdup_vprintf(format, args);
    GError *err = gvir_error_new_literal(domain, code, message);
    g_free(message);
    return err;
}

GError *gvir_error_new(GQuark domain, gint code, const gchar *format, ...)
{
    va_list args;
    GError *err;
    va_start(args, format);
    err = gvir_error_new_valist(domain, code, format, args);
    va_end(args);
    return err;
}

void gvir_set_error_valist(GError **error, GQuark domain, gint code, const gchar *format, va_list args)
{
    if (!error)
        return;
    g_return_if_fail(*error == NULL);
    *error = gvir_error_new_valist(domain, code, format, args);
}

void gvir_set_error(GError **error, GQuark domain, gint code, const gchar *format, ...)
{
    va_list args;
    if (!error)
        return;
    va_start(args, format);
    gvir_set_error_valist(error, domain, code, format, args);
    va_end(args);
}

static void log_valist(GLogLevelFlags level, const gchar *format, va_list args)
{
    gchar *message = g_strdup_vprintf(format, args);
    gvir_capi_log_literal(level, message);
    g_free(message);
}

void gvir_critical(const gchar *format, ...)
{
    va_list args;
    va_start(args, format);
    log_valist(G_LOG_LEVEL_CRITICAL, format, args);
    va_end(args);
}

void gvir_warning(const gchar *format, ...)
{
    va_list args;
    va_start(args, format);
    log_valist(G_LOG_LEVEL_WARNING, format, args);
    va_end(args);
}

/* libxml2's generic error handler (variadic) that drops the message, as the C library
 * installs while validating (gvir_config_object_validate). */
void gvir_capi_xml_generic_error_nop(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}
