//! Dockerfile rules, one per file. `ALL` is ordered by ID.

pub(crate) mod util;

pub mod add_instead_of_copy;
pub mod add_remote_url;
pub mod and_or_not_if_else;
pub mod apk_unpinned;
pub mod apk_without_no_cache;
pub mod apt_lists_not_removed;
pub mod apt_missing_yes;
pub mod apt_no_install_recommends;
pub mod apt_not_apt_get;
pub mod apt_unpinned;
pub mod build_tools_in_final_stage;
pub mod cache_mount_suggestion;
pub mod cd_instead_of_workdir;
pub mod cd_without_exit;
pub mod cmd_shell_form;
pub mod consecutive_run;
pub mod copy_archive_then_extract;
pub mod copy_before_install;
pub mod copy_from_self;
pub mod copy_from_unknown_stage;
pub mod copy_multi_dest_slash;
pub mod copy_relative_without_workdir;
pub mod copy_whole_context;
pub mod copy_whole_filesystem;
pub mod declare_and_assign_separately;
pub mod dist_upgrade;
pub mod double_equals_in_test;
pub mod duplicate_stage_name;
pub mod echo_escape_sequences;
pub mod env_self_reference;
pub mod exec_form_invalid_json;
pub mod from_platform_flag;
pub mod from_platform_redundant;
pub mod gem_unpinned;
pub mod go_install_unpinned;
pub mod heavy_base_image;
pub mod image_latest;
pub mod image_untagged;
pub mod image_without_digest;
pub mod inline_ignore_pragma;
pub mod instruction_order;
pub mod invalid_port;
pub mod label_key_invalid;
pub mod label_missing;
pub mod label_not_in_schema;
pub mod label_value_invalid;
pub mod legacy_backticks;
pub mod ln_bin_sh;
pub mod loop_runs_once;
pub mod maintainer_deprecated;
pub mod missing_healthcheck;
pub mod multiple_cmd;
pub mod multiple_entrypoint;
pub mod multiple_healthchecks;
pub mod negation_skips_errexit;
pub mod npm_unpinned;
pub mod onbuild_forbidden_trigger;
pub mod pip_cache;
pub mod pip_unpinned;
pub mod pipefail;
pub mod pointless_command;
pub mod read_without_r;
pub mod root_user;
pub mod rpm_cache_not_cleaned;
pub mod rpm_missing_yes;
pub mod rpm_unpinned;
pub mod secret_file_copied;
pub mod secret_in_arg_env;
pub mod single_quoted_expansion;
pub mod sudo_used;
pub mod unquoted_command_substitution;
pub mod unquoted_variable;
pub mod untrusted_registry;
pub mod useless_cat;
pub mod user_not_numeric;
pub mod useradd_high_uid;
pub mod wget_and_curl;
pub mod wget_without_progress;
pub mod workdir_relative;
pub mod yarn_cache;

use crate::Rule;

/// Every rule, ordered by ID.
pub static ALL: &[&Rule] = &[
    &root_user::RULE,
    &missing_healthcheck::RULE,
    &build_tools_in_final_stage::RULE,
    &heavy_base_image::RULE,
    &image_untagged::RULE,
    &image_latest::RULE,
    &image_without_digest::RULE,
    &copy_before_install::RULE,
    &secret_in_arg_env::RULE,
    &secret_file_copied::RULE,
    &apt_lists_not_removed::RULE,
    &apk_without_no_cache::RULE,
    &pip_cache::RULE,
    &yarn_cache::RULE,
    &add_remote_url::RULE,
    &add_instead_of_copy::RULE,
    &cache_mount_suggestion::RULE,
    &workdir_relative::RULE,
    &pointless_command::RULE,
    &cd_instead_of_workdir::RULE,
    &sudo_used::RULE,
    &dist_upgrade::RULE,
    &apt_unpinned::RULE,
    &apt_missing_yes::RULE,
    &apt_no_install_recommends::RULE,
    &invalid_port::RULE,
    &multiple_healthchecks::RULE,
    &pip_unpinned::RULE,
    &npm_unpinned::RULE,
    &apk_unpinned::RULE,
    &copy_multi_dest_slash::RULE,
    &copy_from_unknown_stage::RULE,
    &copy_from_self::RULE,
    &duplicate_stage_name::RULE,
    &cmd_shell_form::RULE,
    &apt_not_apt_get::RULE,
    &from_platform_flag::RULE,
    &maintainer_deprecated::RULE,
    &wget_and_curl::RULE,
    &multiple_cmd::RULE,
    &multiple_entrypoint::RULE,
    &pipefail::RULE,
    &consecutive_run::RULE,
    &instruction_order::RULE,
    &rpm_missing_yes::RULE,
    &rpm_cache_not_cleaned::RULE,
    &rpm_unpinned::RULE,
    &gem_unpinned::RULE,
    &go_install_unpinned::RULE,
    &copy_archive_then_extract::RULE,
    &untrusted_registry::RULE,
    &onbuild_forbidden_trigger::RULE,
    &env_self_reference::RULE,
    &copy_relative_without_workdir::RULE,
    &useradd_high_uid::RULE,
    &wget_without_progress::RULE,
    &label_key_invalid::RULE,
    &label_missing::RULE,
    &label_not_in_schema::RULE,
    &label_value_invalid::RULE,
    &from_platform_redundant::RULE,
    &user_not_numeric::RULE,
    &copy_whole_filesystem::RULE,
    &ln_bin_sh::RULE,
    &copy_whole_context::RULE,
    &inline_ignore_pragma::RULE,
    &exec_form_invalid_json::RULE,
    &declare_and_assign_separately::RULE,
    &negation_skips_errexit::RULE,
    &unquoted_command_substitution::RULE,
    &unquoted_variable::RULE,
    &echo_escape_sequences::RULE,
    &loop_runs_once::RULE,
    &single_quoted_expansion::RULE,
    &cd_without_exit::RULE,
    &legacy_backticks::RULE,
    &read_without_r::RULE,
    &and_or_not_if_else::RULE,
    &double_equals_in_test::RULE,
    &useless_cat::RULE,
];
