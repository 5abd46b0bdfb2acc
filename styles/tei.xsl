<?xml version="1.0" encoding="UTF-8"?>
<!--
  TEI P5 -> hub HTML. The contract with the writers is styles/HUB.md.

  One folder per construct under constructs/ holds its XSLT and its CSS for every
  medium; the modules are imported here in order of increasing precedence. This file
  holds the parameters, the keys every module uses, the tables editio injects when it
  compiles the stylesheet (labels.xml, languages.xml) and the anchored-note hook.
  Every lookup goes through a key: the transform runs once per build on files of
  several megabytes, and a // scan inside a per-element template would make it
  quadratic.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:exsl="http://exslt.org/common"
    xmlns:str="http://exslt.org/strings"
    extension-element-prefixes="exsl str"
    exclude-result-prefixes="tei exsl str">

  <xsl:import href="constructs/fallback/fallback.xsl"/>
  <xsl:import href="constructs/core/core.xsl"/>
  <xsl:import href="constructs/blocks/blocks.xsl"/>
  <xsl:import href="constructs/verse/verse.xsl"/>
  <xsl:import href="constructs/transcription/transcription.xsl"/>
  <xsl:import href="constructs/phrase/phrase.xsl"/>
  <xsl:import href="constructs/characters/characters.xsl"/>
  <xsl:import href="constructs/math/math.xsl"/>
  <xsl:import href="constructs/trees/trees.xsl"/>
  <xsl:import href="constructs/examples/examples.xsl"/>
  <xsl:import href="constructs/notes/notes.xsl"/>
  <xsl:import href="constructs/editorial/editorial.xsl"/>
  <xsl:import href="constructs/apparatus/apparatus.xsl"/>
  <xsl:import href="constructs/names/names.xsl"/>
  <xsl:import href="constructs/index/index.xsl"/>
  <xsl:import href="constructs/quotation/quotation.xsl"/>
  <xsl:import href="constructs/dictionary/dictionary.xsl"/>
  <xsl:import href="constructs/bibliography/bibliography.xsl"/>
  <xsl:import href="constructs/drama/drama.xsl"/>
  <xsl:import href="constructs/structure/structure.xsl"/>
  <xsl:import href="constructs/letters/letters.xsl"/>
  <xsl:import href="constructs/header/header.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no" omit-xml-declaration="yes"/>

  <xsl:param name="editio-version" select="''"/>
  <xsl:param name="edition-name" select="''"/>
  <xsl:param name="base-url" select="''"/>
  <xsl:param name="build-date" select="''"/>
  <!-- The language of a text that declares none, guessed by editio from its words. -->
  <xsl:param name="default-lang" select="'en'"/>
  <xsl:param name="header-guess" select="''"/>

  <!-- Filled by editio when it compiles this stylesheet (editio.hub.transform): the rows
       of styles/labels.xml (interface words) and styles/languages.xml (language codes,
       quotation marks). The transform itself may read no file. -->
  <xsl:variable name="labels-rtf"/>
  <xsl:variable name="languages-rtf"/>

  <!-- Elements by xml:id: every pointer resolves through this key. -->
  <xsl:key name="id" match="*[@xml:id]" use="@xml:id"/>
  <!-- Names in the text by the register entries they point at. -->
  <xsl:key name="name-by-ref"
      match="tei:text//*[self::tei:persName or self::tei:placeName or self::tei:orgName or self::tei:name or self::tei:rs or self::tei:title][@ref]
          [not(ancestor::tei:listPerson or ancestor::tei:listPlace or ancestor::tei:listOrg)]"
      use="str:tokenize(translate(@ref, '#', ''), ' ')"/>
  <!-- Quotations by the bibliography entry or passage they come from. -->
  <xsl:key name="quote-by-source"
      match="tei:text//*[self::tei:quote or self::tei:q or self::tei:said][@source]"
      use="str:tokenize(translate(@source, '#', ''), ' ')"/>
  <xsl:key name="cit-by-source"
      match="tei:text//tei:cit[tei:bibl/tei:ptr/@target or tei:bibl/@corresp or @source]"
      use="str:tokenize(translate(concat(tei:bibl/tei:ptr/@target, ' ', tei:bibl/@corresp, ' ', @source), '#', ''), ' ')"/>
  <!-- Notes whose call belongs at another place (their @target), not where they stand. -->
  <xsl:key name="detached-note"
      match="tei:text//tei:note[@target][ancestor::tei:back or parent::tei:noteGrp or ancestor::tei:div[@type='notes']]"
      use="str:tokenize(translate(@target, '#', ''), ' ')"/>
  <!-- Empty ref/ptr pointing at a note: the note's call (ELTeC and many others put the
       bodies in back and call them with <ref target="#n1"/>). -->
  <xsl:key name="ref-to-note" match="tei:text//tei:ref[@target][normalize-space(.) = ''][not(*)] | tei:text//tei:ptr[@target]"
      use="substring-after(substring-before(concat(normalize-space(@target), ' '), ' '), '#')"/>
  <!-- Editor's notes attached to an element through @target (for the interventions list). -->
  <xsl:key name="note-by-target" match="tei:text//tei:note[@target]"
      use="str:tokenize(translate(@target, '#', ''), ' ')"/>
  <!-- Text elements by name, so that each unknown name is reported once. -->
  <xsl:key name="element-by-name" match="tei:text//* | tei:standOff//*" use="local-name()"/>
  <!-- Who a speech's @who names: a role or item of the cast list, a person or group of the
       register (by xml:id), or a cast-list role by the plain @id some plays give it. -->
  <xsl:key name="participant" match="tei:role | tei:castItem | tei:person | tei:personGrp"
      use="@xml:id | self::tei:role[ancestor::tei:castList]/@id"/>
  <!-- Speeches by speaker, for the participants list. -->
  <xsl:key name="sp-by-who" match="tei:sp[@who]" use="normalize-space(@who)"/>
  <!-- Images by address, so that a missing description is reported once per image. -->
  <xsl:key name="graphic-by-url" match="tei:graphic | tei:media" use="@url"/>
  <!-- Renditions declared in the header. -->
  <xsl:key name="rendition" match="tei:rendition[@xml:id]" use="@xml:id"/>

  <!-- The hub's own section ids; a TEI xml:id of the same name keeps its name and the
       section takes an 'editio-' prefix, so ids stay unique. -->
  <xsl:variable name="id-titlepage"><xsl:call-template name="fixed-id"><xsl:with-param name="name" select="'titlepage'"/></xsl:call-template></xsl:variable>
  <xsl:variable name="id-imprint"><xsl:call-template name="fixed-id"><xsl:with-param name="name" select="'imprint'"/></xsl:call-template></xsl:variable>
  <xsl:variable name="id-how-to-cite"><xsl:call-template name="fixed-id"><xsl:with-param name="name" select="'how-to-cite'"/></xsl:call-template></xsl:variable>
  <xsl:variable name="id-toc"><xsl:call-template name="fixed-id"><xsl:with-param name="name" select="'toc'"/></xsl:call-template></xsl:variable>
  <xsl:variable name="id-text"><xsl:call-template name="fixed-id"><xsl:with-param name="name" select="'text'"/></xsl:call-template></xsl:variable>
  <xsl:variable name="id-notes"><xsl:call-template name="fixed-id"><xsl:with-param name="name" select="'notes'"/></xsl:call-template></xsl:variable>
  <xsl:variable name="id-participants"><xsl:call-template name="fixed-id"><xsl:with-param name="name" select="'participants'"/></xsl:call-template></xsl:variable>
  <xsl:variable name="id-register"><xsl:call-template name="fixed-id"><xsl:with-param name="name" select="'register'"/></xsl:call-template></xsl:variable>
  <xsl:variable name="id-index"><xsl:call-template name="fixed-id"><xsl:with-param name="name" select="'index'"/></xsl:call-template></xsl:variable>
  <xsl:variable name="id-interventions"><xsl:call-template name="fixed-id"><xsl:with-param name="name" select="'interventions'"/></xsl:call-template></xsl:variable>
  <xsl:variable name="id-about"><xsl:call-template name="fixed-id"><xsl:with-param name="name" select="'about'"/></xsl:call-template></xsl:variable>
  <xsl:variable name="id-about-source"><xsl:call-template name="fixed-id"><xsl:with-param name="name" select="'about-source'"/></xsl:call-template></xsl:variable>
  <xsl:template name="fixed-id">
    <xsl:param name="name"/>
    <xsl:if test="key('id', $name) or key('id', concat($name, '-heading'))">editio-</xsl:if>
    <xsl:value-of select="$name"/>
  </xsl:template>

  <xsl:variable name="has-castList" select="boolean(//tei:castList)"/>

  <!-- Elements that carry an anchored (detached) note get their calls right after them
       (constructs/notes). It stays here: xsl:apply-imports reaches every construct only
       from the stylesheet that imports them all. -->
  <xsl:template match="tei:text//*[@xml:id][key('detached-note', @xml:id)]" priority="10">
    <xsl:apply-imports/>
    <xsl:for-each select="key('detached-note', @xml:id)">
      <xsl:call-template name="note-call"/>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>
